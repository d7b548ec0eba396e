"""SSH key pairs: RSA keys made with ssh-keygen (or in pure Python without it), OpenSSH public keys parsed, MD5 fingerprints, the key pair records."""
import base64
import hashlib
import os
import secrets
import shutil
import subprocess
import tempfile

from ...context import now
from ...errors import param_error
from .model import owned_by, owner_fields, resolve_owner


# ---- SSH key pairs ---------------------------------------------------------------------------------
def md5_fingerprint(public_key):
    """CloudStack's SSHKeysHelper.getPublicKeyFingerprint: MD5 of the key blob, colon-separated hex."""
    blob = base64.b64decode(public_key.split()[1])
    digest = hashlib.md5(blob).hexdigest()  # noqa: S324 - the fingerprint format CloudStack uses
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


def parse_public_key(text):
    """A public key in OpenSSH format ("ssh-rsa AAAA... comment"), normalised; None if it is not one."""
    parts = (text or "").strip().split()
    if len(parts) < 2:
        return None
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (ValueError, base64.binascii.Error):
        return None
    if len(blob) < 4:
        return None
    n = int.from_bytes(blob[:4], "big")
    if blob[4:4 + n].decode("ascii", "replace") != parts[0]:
        return None
    return parts[0] + " " + parts[1] + (" " + " ".join(parts[2:]) if len(parts) > 2 else "")


def _ssh_string(b):
    return len(b).to_bytes(4, "big") + b


def _mpint(n):
    b = n.to_bytes((n.bit_length() + 8) // 8, "big") if n else b""
    return _ssh_string(b)


def _der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def _der_int(n):
    b = n.to_bytes((n.bit_length() + 8) // 8, "big")
    return b"\x02" + _der_len(len(b)) + b


def _is_probable_prime(n, rounds=40):
    if n < 2:
        return False
    for sp in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % sp == 0:
            return n == sp
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for _ in range(rounds):
        a = secrets.randbelow(n - 3) + 2
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits):
    while True:
        c = secrets.randbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _is_probable_prime(c):
            return c


def _python_rsa_keypair(bits=2048):
    """An RSA key pair in pure Python: (PKCS#1 PEM private key, OpenSSH public key)."""
    e = 65537
    while True:
        p, q = _prime(bits // 2), _prime(bits // 2)
        if p == q:
            continue
        phi = (p - 1) * (q - 1)
        if phi % e:
            break
    n, d = p * q, pow(e, -1, phi)
    seq = b"".join(_der_int(x) for x in (0, n, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p)))
    der = b"\x30" + _der_len(len(seq)) + seq
    b64 = base64.b64encode(der).decode()
    pem = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(b64[i:i + 64] for i in range(0, len(b64), 64)) + "\n-----END RSA PRIVATE KEY-----\n"
    blob = _ssh_string(b"ssh-rsa") + _mpint(e) + _mpint(n)
    return pem, "ssh-rsa " + base64.b64encode(blob).decode()


def generate_rsa_keypair():
    """(private key PEM, public key) as CloudStack's createSSHKeyPair makes them (RSA 2048, PKCS#1 PEM)."""
    keygen = shutil.which("ssh-keygen")
    if keygen:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "key")
            done = subprocess.run([keygen, "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-C", "", "-f", path],
                                  capture_output=True, check=False, timeout=60)
            if done.returncode == 0:
                with open(path) as fh:
                    private = fh.read()
                with open(path + ".pub") as fh:
                    public = " ".join(fh.read().split()[:2])
                return private, public
    return _python_rsa_keypair()


def keypair_view(kp, private=None):
    view = dict(kp)
    if private:
        view["privatekey"] = private
    return view


def _keypair_owner(ctx):
    account, project = resolve_owner(ctx)
    if project is not None:
        account = ctx.store.get("account", project["_accountid"])
    return account, project


def _find_keypair(ctx, account, name):
    for kp in ctx.store.all("sshkeypair"):
        if owned_by(kp, account) and kp["name"] == name:
            return kp
    return None


def _new_keypair(ctx, name, public):
    account, project = _keypair_owner(ctx)
    if _find_keypair(ctx, account, name):
        raise param_error(f"A key pair with name '{name}' already exists.")
    fingerprint = md5_fingerprint(public)
    for kp in ctx.store.all("sshkeypair"):
        if owned_by(kp, account) and kp["fingerprint"] == fingerprint:
            raise param_error("A key pair with the same public key already exists for this account.")
    kp = {"name": name, "fingerprint": fingerprint, "_publickey": public, "_created": now(), **owner_fields(account, project)}
    return ctx.store.add("sshkeypair", kp)
