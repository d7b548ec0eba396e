"""Parity cases of the userdata group: an instance deployed with registered user data by name (cs_instance 2.5.0 has
user_data_name and user_data_details; ngine_io's module running against our simulator is also the proof that the
userdata family answers as ngine_io expects).

Not here: user_data (ngine_io 2.5.0 has no cs_user_data; its behaviour is 3.3.0's, read from its code, and tested in
test_user_data.py) and metadata_facts (no API connection: its parity with cs_facts runs against a local metadata
service in test_metadata_facts.py).
"""
import base64

from .runner import Case, Step

BASIC = "Sandbox-simulator-basic"
TEMPLATE = "CentOS 5.6 (64-bit) no GUI (Simulator)"
VM = {"name": "parity-ud", "zone": BASIC, "template": TEMPLATE, "service_offering": "Small Instance", "user_data_name": "boot"}


def user_data_setup(s):
    for name, text in (("boot", "#!/bin/sh\necho ${role}\n"), ("boot2", "#cloud-config\n")):
        s.ok("registerUserData", name=name, userdata=base64.b64encode(text.encode()).decode(), params="role")
    return {}


NOT_FOUND_MSG = ("ngine_io bug (2.5.0 get_user_data_id_by_name; 3.3.0 names the user data): its message prints the whole "
                 "listUserData reply instead of the name; ours names the option and the value")

LIVE_UPDATE = ("deliberate: CloudStack's updateVirtualMachine sets another user data (userdataid) on a running instance, as "
               "ours does for user_data; ngine_io (the same in 3.3.0) changes nothing on a running instance without force (a "
               "warning, no change)")

USER_DATA_ECHO = ("deliberate: after an update ngine_io returns the user data content of the updateVirtualMachine reply (here "
                  "the registered record's); ours returns user_data only for a task that sets user_data (else an empty "
                  "string, as ngine_io documents it), so a registered record's content is not printed")

CASES = [
    Case(
        name="instance_user_data_name", ours="instance", theirs="cs_instance", setup=user_data_setup,
        steps=[
            Step(dict(VM), check=True, label="create (check)"),
            Step(dict(VM, user_data_details={"role": "web"}), label="create with details"),
            Step(dict(VM), label="no change"),
            Step(dict(VM, user_data_details={"role": "web"}), label="no change with details"),
            Step(dict(VM, user_data_name="boot2"), check=True, label="another user data (check)", differs={"changed": LIVE_UPDATE}),
            Step(dict(VM, user_data_name="boot2", force=True), label="another user data, force",
                 differs={"user_data": USER_DATA_ECHO}),
            Step(dict(VM, user_data_name="boot2", force=True), label="no change after another user data"),
            Step(dict(VM, user_data_name="no-such-user-data"), label="unknown user data", differs={"msg": NOT_FOUND_MSG}),
            Step(dict(VM, state="absent"), label="absent"),
        ],
    ),
]
