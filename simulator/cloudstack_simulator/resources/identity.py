"""Domains, accounts, users, roles (seeded as a fresh CloudStack 4.18 has them).

Object fields follow listDomains / listAccounts / listUsers / listRoles. Internal fields:
domain["_path"] is the DB path ("/" for ROOT, "/a/b/" below it); account["_hidden"] and
user["_hidden"] mark the system account and user (listAccounts / listUsers leave them out);
user["_password"] is a salted hash; user["_secretkey"] the secret key.
"""
from ..context import now
from ..identity_keys import hash_password, new_key
from ..registry import seed
from ..spec import defaults

ROLE_TYPES = {"Admin": 1, "ResourceAdmin": 3, "DomainAdmin": 2, "User": 0}


@seed(10)
def seed_identity(sim):
    st = sim.store
    ident = defaults()["identity"]
    roles = {}
    for row in ident["roles"]["by_version"]["4.18"]:
        roles[row["id"]] = st.add("role", {
            "name": row["name"], "type": row["role_type"], "description": row["description"],
            "isdefault": bool(row["is_default"]), "_seq": row["id"],
        })
    root = st.add("domain", {
        "name": "ROOT", "path": "ROOT", "level": 0, "haschild": False, "state": "Active", "created": now(),
        "_path": "/", "_seq": 1,
    })
    accounts = {}
    for row in ident["accounts"]:
        role = roles[row["roleid"]]
        accounts[row["id"]] = st.add("account", {
            "name": row["name"], "accounttype": row["accounttype"], "roleid": role["id"], "rolename": role["name"],
            "roletype": role["type"], "domainid": root["id"], "domain": "ROOT", "domainpath": "ROOT",
            "state": row["state"], "isdefault": bool(row.get("isdefault")), "created": now(),
            "_hidden": not row["visible_in_listAccounts"], "_seq": row["id"],
        })
    for row in ident["users"]:
        acc = accounts[row["accountid"]]
        names = row.get("firstname_lastname_email", {}).get("simulator/developer DB (developer-prefill.sql)")
        first, last, email = names if names else (row.get("firstname"), row.get("lastname"), row.get("email"))
        user = {
            "username": row["username"], "firstname": first, "lastname": last, "email": email,
            "accountid": acc["id"], "account": acc["name"], "accounttype": acc["accounttype"],
            "roleid": acc["roleid"], "rolename": acc["rolename"], "roletype": acc["roletype"],
            "domainid": root["id"], "domain": "ROOT", "state": row["state"], "isdefault": bool(row.get("isdefault")),
            "created": now(), "usersource": "native", "iscallerchilddomain": False,
            "_hidden": not row["visible_in_listUsers"], "_seq": row["id"],
        }
        if row.get("password_plain"):
            user["_password"] = hash_password(row["password_plain"])
        if row["username"] == "baremetal-system-account":
            user["apikey"], user["_secretkey"] = new_key(), new_key()
        st.add("user", user)
