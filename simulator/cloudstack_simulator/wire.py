"""The request and reply formats exactly as CloudStack's ApiServlet / ApiServer handle them.

- ``request_params``: the parameter map a servlet builds (query string and form body; for a repeated name
  the first value, except that a name repeated in the query string keeps its last value, as
  ApiServlet.utf8Fixup overwrites them);
- ``string_to_sign`` / ``verify``: ApiServer.verifyRequest (names sorted as given, case-sensitively;
  values encoded as java.net.URLEncoder does with "+" turned into "%20"; the whole string lower-cased;
  HmacSHA1 with the secret key, Base64);
- ``parse_expires``: DateUtil.parseTZDateString, the format of ``expires`` with ``signatureversion=3``;
- ``to_xml``: the reply when ``response`` is not ``json`` (CloudStack's default reply format is XML).
"""
import base64
import datetime
import hashlib
import hmac
import re
import urllib.parse
from xml.sax.saxutils import escape

from . import CLOUDSTACK_VERSION


def java_urlencode(value):
    """java.net.URLEncoder.encode(value, "UTF-8") with "+" turned into "%20", as CloudStack signs.

    Java keeps A-Z a-z 0-9 . - * _ and encodes everything else (so "~" becomes %7E).
    """
    return urllib.parse.quote(str(value), safe="*-._", encoding="utf-8").replace("~", "%7E")


def request_params(query, body=""):
    """The servlet's parameter map from a query string and a form-encoded body: {name as sent: value}."""
    q_pairs = urllib.parse.parse_qsl(query or "", keep_blank_values=True)
    b_pairs = urllib.parse.parse_qsl(body or "", keep_blank_values=True)
    params = {}
    for name, value in q_pairs + b_pairs:
        params.setdefault(name, value)
    for name, value in q_pairs:  # utf8Fixup: the query string's own decoding wins, the last one of a name
        params[name] = value
    return params


def string_to_sign(params):
    """Every parameter but the signature, sorted by name as sent (Java String order), name=urlencoded(value),
    joined by &, the whole string lower-cased."""
    names = sorted((k for k in params if k.lower() != "signature"), key=lambda k: k.encode("utf-16-be"))
    return "&".join(f"{k}={java_urlencode(params[k])}" for k in names).lower()


def sign(params, secret):
    digest = hmac.new(secret.encode("utf-8"), string_to_sign(params).encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def verify(params, secret, signature):
    if not secret or not signature:
        return False
    return hmac.compare_digest(sign(params, secret).encode(), signature.encode("utf-8", "replace"))


_TZ_RE = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})([+-]\d{2}):?(\d{2})$")
_MS_RE = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{3})Z$")


def parse_expires(value):
    """DateUtil.parseTZDateString: yyyy-MM-dd'T'HH:mm:ssZ (e.g. 2024-01-01T10:00:00+0000), else
    yyyy-MM-dd'T'HH:mm:ss.SSS'Z' in UTC. None if it is neither (the request is then refused)."""
    value = (value or "").strip()
    m = _TZ_RE.match(value)
    try:
        if m:
            return datetime.datetime.strptime(f"{m.group(1)}{m.group(2)}{m.group(3)}", "%Y-%m-%dT%H:%M:%S%z")
        m = _MS_RE.match(value)
        if m:
            dt = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S")
            return dt.replace(microsecond=int(m.group(2)) * 1000, tzinfo=datetime.timezone.utc)
    except ValueError:
        return None
    return None


def expired(value):
    dt = parse_expires(value)
    return dt is None or dt < datetime.datetime.now(datetime.timezone.utc)


def format_expires(dt):
    """An expires value as CloudStack's own clients write it (yyyy-MM-dd'T'HH:mm:ssZ)."""
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _xml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _xml_children(obj):
    out = []
    for key, value in obj.items():
        if isinstance(value, list):
            for item in value:
                out.append(f"<{key}>{''.join(_xml_children(item)) if isinstance(item, dict) else _xml_value(item)}</{key}>")
        elif isinstance(value, dict):
            out.append(f"<{key}>{''.join(_xml_children(value))}</{key}>")
        else:
            out.append(f"<{key}>{_xml_value(value)}</{key}>")
    return out


def to_xml(body):
    """A reply {"<wrapper>": {...}} in CloudStack's XML form (ApiResponseSerializer.toXMLSerializedString)."""
    ((wrapper, inner),) = body.items()
    children = "".join(_xml_children(inner)) if isinstance(inner, dict) else _xml_value(inner)
    return (f'<?xml version="1.0" encoding="UTF-8"?><{wrapper} cloud-stack-version="{CLOUDSTACK_VERSION}">'
            f"{children}</{wrapper}>")
