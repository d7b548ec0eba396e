"""The API description (shared/cloudstack-api/cloudstack-api-4.18.json, vendored in data/)."""
import functools
import gzip
import json
import pathlib

DATA = pathlib.Path(__file__).resolve().parent / "data"


@functools.lru_cache(maxsize=None)
def load_json(name):
    with gzip.open(DATA / name, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def api_description():
    return load_json("cloudstack-api-4.18.json.gz")


def defaults():
    """shared/reference/defaults.json: what a fresh CloudStack holds."""
    return load_json("defaults.json.gz")


# Async commands whose class extends BaseAsyncCreateCmd / BaseAsyncCreateCustomIdCmd: ApiServer.queueCommand answers
# them with a CreateCmdResponse, i.e. the new entity's "id" beside "jobid". The API description marks some of them
# (response.submit_fields); these are the others, read from the command classes of apache/cloudstack 4.18.
ASYNC_CREATE_COMMANDS = frozenset({
    "addGuestOs", "addGuestOsMapping", "createEgressFirewallRule", "createIpForwardingRule", "createLoadBalancerRule",
    "createNetworkACL", "createNetworkACLList", "createPrivateGateway", "createStaticRoute", "createTemplate",
    "createVirtualRouterElement", "createVMSnapshot", "createVPC", "createVPCOffering", "createVpnGateway",
})

# the VPN family's BaseAsyncCreateCmd commands (create() checks and makes the entity before the job; 4.18's data lists
# no id among their submit fields)
ASYNC_CREATE_COMMANDS |= {"addVpnUser", "createRemoteAccessVpn", "createVpnConnection"}

# ApiCommandResourceType names (queryAsyncJobResult's jobinstancetype) by the API's object key.
INSTANCE_TYPES = {
    "virtualmachine": "VirtualMachine", "volume": "Volume", "snapshot": "Snapshot", "vmsnapshot": "VmSnapshot",
    "template": "Template", "iso": "Iso", "network": "Network", "vpc": "Vpc", "host": "Host", "storagepool": "StoragePool",
    "imagestore": "ImageStore", "cluster": "Cluster", "pod": "Pod", "zone": "Zone", "domain": "Domain", "account": "Account",
    "user": "User", "project": "Project", "physicalnetwork": "PhysicalNetwork", "ipaddress": "IpAddress",
    "publicipaddress": "IpAddress", "firewallrule": "FirewallRule", "portforwardingrule": "FirewallRule",
    "loadbalancer": "LoadBalancerRule", "affinitygroup": "AffinityGroup", "securitygroup": "SecurityGroup",
    "router": "DomainRouter", "systemvm": "SystemVm", "serviceoffering": "ServiceOffering", "diskoffering": "DiskOffering",
    "networkoffering": "NetworkOffering", "vpcoffering": "VpcOffering", "traffictype": "TrafficType",
    "networkserviceprovider": "NetworkServiceProvider", "virtualrouterelement": "VirtualRouterElement",
}

# What queryAsyncJobResult shows of the job's instance for the commands whose finished jobs were captured from
# real servers (shared/cloudstack-api/samples): (jobinstancetype or None, whether jobinstanceid is shown).
# Each command class decides (getApiResourceType / getApiResourceId); other commands follow INSTANCE_TYPES.
JOB_INSTANCE_FIELDS = {
    **{name: (kind, True) for name, kind in {
        "associateIpAddress": "IpAddress", "cancelHostMaintenance": "Host", "cancelStorageMaintenance": "StoragePool",
        "createEgressFirewallRule": "FirewallRule", "createFirewallRule": "FirewallRule", "createKubernetesCluster": "VirtualMachine",
        "createLoadBalancerRule": "FirewallRule", "createPhysicalNetwork": "PhysicalNetwork", "createTemplate": "Template",
        "deployVirtualMachine": "VirtualMachine", "disassociateIpAddress": "IpAddress", "enableStorageMaintenance": "StoragePool",
        "extractTemplate": "Template", "prepareHostForMaintenance": "Host", "resetSSHKeyForVirtualMachine": "VirtualMachine",
        "startVirtualMachine": "VirtualMachine", "stopVirtualMachine": "VirtualMachine"}.items()},
    "createAffinityGroup": ("AffinityGroup", False), "createProject": ("None", False), "deleteNetwork": ("Network", False),
    **{name: (None, False) for name in (
        "activateProject", "addNicToVirtualMachine", "assignLoadBalancerRule", "createTags", "dedicateCluster", "deleteDomain",
        "deleteEgressFirewallRule", "deleteFirewallRule", "deleteRemoteAccessVpn", "deleteTags", "disableHAForCluster",
        "disableOutOfBandManagementForCluster", "disableOutOfBandManagementForHost", "disableUser", "enableHAForCluster",
        "enableHAForHost", "enableOutOfBandManagementForCluster", "enableOutOfBandManagementForHost", "releaseDedicatedCluster",
        "restartVPC", "scaleVirtualMachine", "suspendProject", "updateNetworkACLList", "updateProject", "uploadCustomCertificate")},
}

# The Java class of a command, as a job's "cmd" shows it, for the commands of the replies captured from real
# servers (shared/cloudstack-api/samples, an admin calling: "...ByAdmin" classes are the admin variants).
JOB_CMD_CLASSES = {
    "activateProject": "org.apache.cloudstack.api.command.user.project.ActivateProjectCmd",
    "addNicToVirtualMachine": "org.apache.cloudstack.api.command.admin.vm.AddNicToVMCmdByAdmin",
    "assignLoadBalancerRule": "org.apache.cloudstack.api.command.user.loadbalancer.AssignToLoadBalancerRuleCmd",
    "associateIpAddress": "org.apache.cloudstack.api.command.admin.address.AssociateIPAddrCmdByAdmin",
    "cancelHostMaintenance": "org.apache.cloudstack.api.command.admin.host.CancelMaintenanceCmd",
    "cancelStorageMaintenance": "org.apache.cloudstack.api.command.admin.storage.CancelPrimaryStorageMaintenanceCmd",
    "createAffinityGroup": "org.apache.cloudstack.api.command.user.affinitygroup.CreateAffinityGroupCmd",
    "createEgressFirewallRule": "org.apache.cloudstack.api.command.user.firewall.CreateEgressFirewallRuleCmd",
    "createFirewallRule": "org.apache.cloudstack.api.command.user.firewall.CreateFirewallRuleCmd",
    "createKubernetesCluster": "org.apache.cloudstack.api.command.user.kubernetes.cluster.CreateKubernetesClusterCmd",
    "createLoadBalancerRule": "org.apache.cloudstack.api.command.user.loadbalancer.CreateLoadBalancerRuleCmd",
    "createPhysicalNetwork": "org.apache.cloudstack.api.command.admin.network.CreatePhysicalNetworkCmd",
    "createProject": "org.apache.cloudstack.api.command.user.project.CreateProjectCmd",
    "createTags": "org.apache.cloudstack.api.command.user.tag.CreateTagsCmd",
    "createTemplate": "org.apache.cloudstack.api.command.admin.template.CreateTemplateCmdByAdmin",
    "dedicateCluster": "org.apache.cloudstack.api.commands.DedicateClusterCmd",
    "deleteDomain": "org.apache.cloudstack.api.command.admin.domain.DeleteDomainCmd",
    "deleteEgressFirewallRule": "org.apache.cloudstack.api.command.user.firewall.DeleteEgressFirewallRuleCmd",
    "deleteFirewallRule": "org.apache.cloudstack.api.command.user.firewall.DeleteFirewallRuleCmd",
    "deleteNetwork": "org.apache.cloudstack.api.command.user.network.DeleteNetworkCmd",
    "deleteRemoteAccessVpn": "org.apache.cloudstack.api.command.user.vpn.DeleteRemoteAccessVpnCmd",
    "deleteTags": "org.apache.cloudstack.api.command.user.tag.DeleteTagsCmd",
    "deployVirtualMachine": "org.apache.cloudstack.api.command.admin.vm.DeployVMCmdByAdmin",
    "disableHAForCluster": "org.apache.cloudstack.api.command.admin.ha.DisableHAForClusterCmd",
    "disableOutOfBandManagementForCluster": "org.apache.cloudstack.api.command.admin.outofbandmanagement.DisableOutOfBandManagementForClusterCmd",
    "disableOutOfBandManagementForHost": "org.apache.cloudstack.api.command.admin.outofbandmanagement.DisableOutOfBandManagementForHostCmd",
    "disableUser": "org.apache.cloudstack.api.command.admin.user.DisableUserCmd",
    "disassociateIpAddress": "org.apache.cloudstack.api.command.user.address.DisassociateIPAddrCmd",
    "enableHAForCluster": "org.apache.cloudstack.api.command.admin.ha.EnableHAForClusterCmd",
    "enableHAForHost": "org.apache.cloudstack.api.command.admin.ha.EnableHAForHostCmd",
    "enableOutOfBandManagementForCluster": "org.apache.cloudstack.api.command.admin.outofbandmanagement.EnableOutOfBandManagementForClusterCmd",
    "enableOutOfBandManagementForHost": "org.apache.cloudstack.api.command.admin.outofbandmanagement.EnableOutOfBandManagementForHostCmd",
    "enableStorageMaintenance": "org.apache.cloudstack.api.command.admin.storage.PreparePrimaryStorageForMaintenanceCmd",
    "extractTemplate": "org.apache.cloudstack.api.command.user.template.ExtractTemplateCmd",
    "prepareHostForMaintenance": "org.apache.cloudstack.api.command.admin.host.PrepareForMaintenanceCmd",
    "releaseDedicatedCluster": "org.apache.cloudstack.api.commands.ReleaseDedicatedClusterCmd",
    "resetSSHKeyForVirtualMachine": "org.apache.cloudstack.api.command.admin.vm.ResetVMSSHKeyCmdByAdmin",
    "restartVPC": "org.apache.cloudstack.api.command.user.vpc.RestartVPCCmd",
    "scaleVirtualMachine": "org.apache.cloudstack.api.command.admin.vm.ScaleVMCmdByAdmin",
    "startVirtualMachine": "org.apache.cloudstack.api.command.admin.vm.StartVMCmdByAdmin",
    "stopVirtualMachine": "org.apache.cloudstack.api.command.admin.vm.StopVMCmdByAdmin",
    "suspendProject": "org.apache.cloudstack.api.command.user.project.SuspendProjectCmd",
    "updateNetworkACLList": "org.apache.cloudstack.api.command.user.network.UpdateNetworkACLListCmd",
    "updateProject": "org.apache.cloudstack.api.command.user.project.UpdateProjectCmd",
    "uploadCustomCertificate": "org.apache.cloudstack.api.command.admin.resource.UploadCustomCertificateCmd",
}


def job_class_name(command, root_admin=True):
    """What a job's "cmd" holds: the command's class; for commands without a captured reply the API description
    carries no class name, so org.apache.cloudstack.api.command.<Command>Cmd."""
    name = JOB_CMD_CLASSES.get(command)
    if name is None:
        return f"org.apache.cloudstack.api.command.{command[0].upper()}{command[1:]}Cmd"
    if not root_admin and name.endswith("ByAdmin"):
        name = name[: -len("ByAdmin")].replace(".command.admin.", ".command.user.")
    return name


# Reply keys the API description has only as a guess (key_verified false) and CloudStack's replies show
# otherwise: listStorageProviders lists StorageProviderResponse objects under "dataStoreProvider" (the key
# ngine_io.cloudstack's cs_storage_pool and cs_image_store read, tested against a real 4.18 server).
KEY_CORRECTIONS = {"listStorageProviders": "dataStoreProvider",
                   # ListAffinityGroupTypesCmd: setObjectName("affinityGroupType") (ngine_io's cs_affinitygroup reads it)
                   "listAffinityGroupTypes": "affinityGroupType",
                   # ExtractVolumeCmd / ExtractIsoCmd: setObjectName("volume") / ("iso") on their ExtractResponse
                   "extractVolume": "volume", "extractIso": "iso",
                   # ListInternalLBVMsCmd lists DomainRouterResponse objects (objectName "router");
                   # GetRouterHealthCheckResultsCmd: setObjectName("routerhealthchecks")
                   "listInternalLoadBalancerVMs": "router", "getRouterHealthCheckResults": "routerhealthchecks"}

# Reply wrappers the API description derives from the command's name where the command class names its own
# (getCommandName(): the s_name of the internal LB VM commands).
WRAPPER_CORRECTIONS = {"listInternalLoadBalancerVMs": "listinternallbvmsresponse",
                       "startInternalLoadBalancerVM": "startinternallbvmresponse",
                       "stopInternalLoadBalancerVM": "stopinternallbvmresponse"}

# Commands whose reply is not a list although the API description says so: list{Template,Iso}Permissions answer
# one TemplatePermissionsResponse (ApiResponseHelper.createTemplatePermissionsResponse: objectName
# "templatepermission", for ISOs too).
KIND_CORRECTIONS = {"listTemplatePermissions": ("object", "templatepermission"), "listIsoPermissions": ("object", "templatepermission"),
                    # UpgradeRouterTemplateCmd answers a ListResponse of UpgradeRouterTemplateResponse (objectName "asyncjobs")
                    "upgradeRouterTemplate": ("list", "asyncjobs")}

# AddIpToVmNicCmd: setObjectName("nicsecondaryip"); a BaseAsyncCreateCmd (its submit reply carries the new id)
KEY_CORRECTIONS["addIpToNic"] = "nicsecondaryip"
ASYNC_CREATE_COMMANDS = ASYNC_CREATE_COMMANDS | {"addIpToNic"}
# RegisterUserDataCmd declares SuccessResponse but its execute() answers the UserDataResponse, setObjectName("userdata")
KIND_CORRECTIONS["registerUserData"] = ("object", "userdata")
# ListVMSnapshotCmd: setObjectName("vmSnapshot") on each VMSnapshotResponse (createVMSnapshot's job answers "vmsnapshot")
KEY_CORRECTIONS["listVMSnapshot"] = "vmSnapshot"

NUMBER_TYPES = {"integer": (-2**31, 2**31 - 1), "short": (-2**15, 2**15 - 1), "long": (-2**63, 2**63 - 1)}


class Command:
    """One command of the API: its parameters and the shape of its reply."""

    __slots__ = ("name", "is_async", "params", "required", "wrapper", "kind", "key", "result_kind", "result_key", "description", "raw",
                 "returns_id", "number_params", "plugin")

    def __init__(self, name, raw, plugin=None):
        self.name = name
        self.plugin = plugin
        self.raw = raw
        self.is_async = bool(raw.get("async"))
        self.description = raw.get("description", "")
        # request parameter names arrive lower-cased (clients send them so, and CloudStack's
        # signature check lower-cases the whole query anyway)
        self.params = {k.lower(): v for k, v in raw.get("params", {}).items()}
        self.required = sorted(k for k, v in self.params.items() if v.get("required"))
        resp = raw.get("response") or {}
        self.wrapper = WRAPPER_CORRECTIONS.get(name) or resp.get("wrapper") or (name.lower() + "response")
        self.kind = resp.get("kind") or "object"  # list | object | success | inline | async
        self.key = KEY_CORRECTIONS.get(name, resp.get("key"))
        if name in KIND_CORRECTIONS:
            self.kind, self.key = KIND_CORRECTIONS[name]
        # what the command's result looks like: for an async command, the job's result
        jr = resp.get("jobresult") if self.kind == "async" else None
        self.result_kind = (jr or {}).get("kind", "object") if self.kind == "async" else self.kind
        self.result_key = (jr or {}).get("key", self.key) if self.kind == "async" else self.key
        self.result_key = KEY_CORRECTIONS.get(name, self.result_key)
        self.returns_id = self.is_async and ("id" in (resp.get("submit_fields") or ()) or name in ASYNC_CREATE_COMMANDS)
        self.number_params = {k: NUMBER_TYPES[v.get("type")] for k, v in self.params.items() if v.get("type") in NUMBER_TYPES}

    def instance_type(self):
        """The jobinstancetype of this command's jobs: from its result object, else from the noun of its name."""
        if self.result_key in INSTANCE_TYPES:
            return INSTANCE_TYPES[self.result_key]
        low = self.name.lower()
        for key in sorted(INSTANCE_TYPES, key=len, reverse=True):
            if low.endswith(key):
                return INSTANCE_TYPES[key]
        return None


# Plugins of later releases the simulator can carry beside 4.18 (Simulator(plugins=(...)), --plugin): their commands as
# the command classes of the release that brought them declare them. Without the plugin a command is unknown, as on a
# 4.18 server. Only the commands and the plugin's settings follow; everything else stays 4.18.
PLUGINS = {
    # plugins/user-authenticators/oauth2 of 4.19.0 (RegisterOAuthProviderCmd, ListOAuthProvidersCmd,
    # UpdateOAuthProviderCmd, DeleteOAuthProviderCmd; OauthProviderResponse, object name "oauthprovider")
    "oauth2": {
        "since": "4.19.0.0",
        "settings": ("oauth2.enabled", "oauth2.plugins", "oauth2.plugins.exclude"),
        "commands": {
            "registerOauthProvider": {
                "description": "Register the OAuth2 provider in CloudStack",
                "params": {"description": {"type": "string", "required": True}, "provider": {"type": "string", "required": True},
                           "clientid": {"type": "string", "required": True}, "secretkey": {"type": "string", "required": True},
                           "redirecturi": {"type": "string", "required": True}, "details": {"type": "map"}},
                "response": {"kind": "object", "key": "oauthprovider"}},
            "listOauthProvider": {
                "description": "List OAuth providers registered",
                "params": {"id": {"type": "uuid"}, "provider": {"type": "string"}, "keyword": {"type": "string"},
                           "page": {"type": "integer"}, "pagesize": {"type": "integer"}},
                "response": {"kind": "list", "key": "oauthprovider"}},
            "updateOauthProvider": {
                "description": "Updates the registered OAuth provider details",
                "params": {"id": {"type": "uuid", "required": True}, "description": {"type": "string"},
                           "clientid": {"type": "string"}, "secretkey": {"type": "string"}, "redirecturi": {"type": "string"},
                           "enabled": {"type": "boolean"}},
                "response": {"kind": "object", "key": "oauthprovider"}},
            "deleteOauthProvider": {
                "description": "Deletes the registered OAuth provider",
                "params": {"id": {"type": "uuid", "required": True}},
                "response": {"kind": "success"}},
        },
    },
}


@functools.lru_cache(maxsize=None)
def commands():
    """Every command the simulator may serve: CloudStack 4.18's, and the commands of PLUGINS (Command.plugin names
    the plugin; None for 4.18's own)."""
    apis = api_description()["apis"]
    out = {name: Command(name, raw) for name, raw in apis.items()}
    for plugin, data in PLUGINS.items():
        for name, raw in data["commands"].items():
            out[name] = Command(name, raw, plugin=plugin)
    return out


def release_commands():
    """CloudStack 4.18's own commands (no plugin's)."""
    return {name: cmd for name, cmd in commands().items() if cmd.plugin is None}


@functools.lru_cache(maxsize=None)
def commands_lower():
    return {name.lower(): cmd for name, cmd in commands().items()}


def lookup(name):
    """A command by its exact name, else case-insensitively (for in-process callers); None if unknown.

    The HTTP layer resolves names exactly as ApiServer does (case-sensitively): see exact().
    """
    return commands().get(name) or commands_lower().get(name.lower())


def exact(name):
    """A command by its exact name, as ApiServer's command map resolves it; None if unknown."""
    return commands().get(name) if name else None
