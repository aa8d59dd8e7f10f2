"""The signature doctor: which known client mistake reproduces what a client sent.

Given what a client sent (the received request with its signature, or a Weaver ``sign``) and
the secret, the core recomputes the signature under each known client mistake and names the
one that reproduces it: a stable verdict name (``valid``, ``query_encoded_once``,
``timestamp_in_seconds``, ``md5_lowercase``, ``expired``, ``unexplained``, …, see ``VERDICTS``)
with an explanation in English and in Chinese. Reports never hold the signature or MD5 the
request should carry: they are safe to log and to show the client.

>>> from qianming import doctor, kingdee
>>> out = kingdee.Signer("123456", "s3cret").sign("GET", "/a", timestamp=1700000000000,
...                                              nonce="42")
>>> doctor.kingdee("s3cret", "GET", "/a", headers=out.headers, now_ms=1700000900000).verdict
'expired'
>>> doctor.kingdee("other", "GET", "/a", headers=out.headers, now_ms=1700000000000).verdict
'unexplained'
"""

from typing import Dict, Tuple

from . import _native

kingdee = _native.doctor_kingdee
kingdee_pasted = _native.doctor_kingdee_pasted
weaver = _native.doctor_weaver
compare_string_to_sign = _native.doctor_compare_string_to_sign

KingdeeReport = _native.DoctorKingdeeReport
WeaverReport = _native.DoctorWeaverReport
PastedRequest = _native.DoctorPastedRequest
StringToSignComparison = _native.DoctorStringToSignComparison

#: The window both vendors allow by default, either way: five minutes.
DEFAULT_WINDOW_MS: int = _native.DOCTOR_DEFAULT_WINDOW_MS

#: Every verdict by stable name: ``(code, explanation, explanation_zh)``, in code order.
VERDICTS: Dict[str, Tuple[int, str, str]] = {
    name: (code, en, zh) for name, code, en, zh in _native.DOCTOR_VERDICTS
}

__all__ = [
    "DEFAULT_WINDOW_MS",
    "KingdeeReport",
    "PastedRequest",
    "StringToSignComparison",
    "VERDICTS",
    "WeaverReport",
    "compare_string_to_sign",
    "kingdee",
    "kingdee_pasted",
    "weaver",
]
