"""Signatures and dates exactly as CloudStack's ApiServer verifies them."""
import base64
import datetime
import hashlib
import hmac
import urllib.parse


def java_urlencode(value):
    """java.net.URLEncoder.encode(value, "UTF-8") with "+" turned into "%20", as CloudStack signs.

    Java keeps A-Z a-z 0-9 . - * _ and encodes everything else (so "~" becomes %7E).
    """
    return urllib.parse.quote(str(value), safe="*-._", encoding="utf-8").replace("~", "%7E")


def string_to_sign(params):
    """Every parameter but the signature, sorted by name, name=urlencoded(value), joined by &, lower-cased."""
    items = sorted((k.lower(), v) for k, v in params.items() if k.lower() != "signature")
    return "&".join(f"{k}={java_urlencode(v)}" for k, v in items).lower()


def sign(params, secret):
    digest = hmac.new(secret.encode("utf-8"), string_to_sign(params).encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def verify(params, secret, signature):
    return hmac.compare_digest(sign(params, secret), signature or "")


def parse_expires(value):
    """CloudStack's expires format: yyyy-MM-dd'T'HH:mm:ssZ (e.g. 2024-01-01T10:00:00+0000)."""
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            dt = datetime.datetime.strptime(value, fmt)
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=datetime.timezone.utc)
            return dt
        except ValueError:
            continue
    return None


def expired(value):
    dt = parse_expires(value or "")
    return dt is None or dt < datetime.datetime.now(datetime.timezone.utc)
