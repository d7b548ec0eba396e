"""The identity commands of SSH key pairs."""
from ...errors import param_error
from ...registry import api
from .model_keys import _find_keypair, _keypair_owner, _new_keypair, generate_rsa_keypair, keypair_view, parse_public_key


@api("createSSHKeyPair")
def create_ssh_key_pair(ctx, p):
    name = ctx.require("name")
    account, _project = _keypair_owner(ctx)
    if _find_keypair(ctx, account, name):
        raise param_error(f"A key pair with name '{name}' already exists.")
    private, public = generate_rsa_keypair()
    kp = _new_keypair(ctx, name, public)
    return keypair_view(kp, private)


@api("registerSSHKeyPair")
def register_ssh_key_pair(ctx, p):
    name = ctx.require("name")
    public = parse_public_key(ctx.require("publickey"))
    if public is None:
        raise param_error("Public key is invalid")
    return keypair_view(_new_keypair(ctx, name, public))


@api("deleteSSHKeyPair")
def delete_ssh_key_pair(ctx, p):
    name = ctx.require("name")
    account, _project = _keypair_owner(ctx)
    kp = _find_keypair(ctx, account, name)
    if kp is None:
        raise param_error(f"A key pair with name '{name}' does not exist for account {account['name']} in specified domain id")
    ctx.store.delete("sshkeypair", kp["id"])
    return None


@api("listSSHKeyPairs")
def list_ssh_key_pairs(ctx, p):
    kps = ctx.scope(ctx.store.all("sshkeypair"))
    kps = ctx.filter_eq(kps, ["id", "name", "fingerprint"], ci_fields=())
    kps = ctx.filter_keyword(kps)
    kps.sort(key=lambda k: k["_seq"])
    return [keypair_view(k) for k in kps]
