"""WXBizMsgCrypt: the encrypted callbacks of WeCom (企业微信), WeChat official accounts (公众号) and
DingTalk (钉钉) events, sans-IO.

A callback carries ``msg_signature``, ``timestamp`` and ``nonce`` in the query and an ``encrypt``
text (the URL check's ``echostr``); ``verify_and_decrypt`` checks the signature, decrypts and
checks the receive id. ``encrypt_reply`` makes an encrypted passive reply.

>>> from qianming import wecom
>>> key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
>>> wecom.verify_and_decrypt("QDG6eK", key, "wx5823bf96d3bd56c7", timestamp="1409659589",
...     nonce="263014780",
...     encrypt="P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
...     msg_signature="5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3")
'1616140317555161061'
>>> reply = wecom.encrypt_reply(key, "wx5823bf96d3bd56c7", "<xml>…</xml>", token="QDG6eK",
...                             timestamp="1409659600", nonce="1320562132")
>>> wecom.decrypt(key, "wx5823bf96d3bd56c7", reply.encrypt)
'<xml>…</xml>'
"""

from . import _native

msg_signature = _native.wecom_msg_signature
verify_msg_signature = _native.wecom_verify_msg_signature
decrypt = _native.wecom_decrypt
encrypt_reply = _native.wecom_encrypt_reply
verify_and_decrypt = _native.wecom_verify_and_decrypt
random_from_hex = _native.wecom_random_from_hex

EncryptedReply = _native.WeComEncryptedReply

RANDOM_LEN: int = _native.WECOM_RANDOM_LEN
ENCODING_AES_KEY_LEN: int = _native.WECOM_ENCODING_AES_KEY_LEN

__all__ = [
    "ENCODING_AES_KEY_LEN",
    "EncryptedReply",
    "RANDOM_LEN",
    "decrypt",
    "encrypt_reply",
    "msg_signature",
    "random_from_hex",
    "verify_and_decrypt",
    "verify_msg_signature",
]
