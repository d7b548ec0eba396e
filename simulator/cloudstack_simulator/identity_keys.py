"""User credentials shared by the HTTP layer and the identity handlers: API keys and passwords."""
import base64
import hashlib
import secrets


def new_key():
    """An API or secret key as CloudStack makes them: 64 random bytes, URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(secrets.token_bytes(64)).decode("ascii").rstrip("=")


def ensure_user_keys(sim, user):
    """The user's {apikey, secretkey}; made (as registerUserKeys does) if the user has none."""
    if not user.get("apikey"):
        user["apikey"] = new_key()
        user["_secretkey"] = new_key()  # listUsers does not show it; getUserKeys/registerUserKeys do
        sim.store.save("user", user)
    return {"apikey": user["apikey"], "secretkey": user["_secretkey"]}


def hash_password(password, salt=None):
    salt = salt or secrets.token_hex(8)
    return salt + "$" + hashlib.sha256((salt + password).encode("utf-8")).hexdigest()


def password_matches(user, password):
    stored = user.get("_password")
    if not stored or "$" not in stored:
        return False
    salt = stored.split("$", 1)[0]
    return secrets.compare_digest(hash_password(password, salt), stored)
