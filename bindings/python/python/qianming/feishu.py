"""Feishu / Lark (飞书): custom bot sign, encrypted events and their ``X-Lark-Signature``, sans-IO.

>>> from qianming import feishu
>>> feishu.bot_sign("secret", 1599360473)
'q4jswNiMy51J5JuQV566yJat0/lQ/c+22kINzUgKsGU='
>>> body = b'{"encrypt":"P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="}'
>>> s = feishu.event_signature("1602656591", "1894713476", "test key", body)
>>> feishu.verify_event_signature("1602656591", "1894713476", "test key", body, s)
>>> feishu.decrypt("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=")
'hello world'
"""

from . import _native

bot_sign = _native.feishu_bot_sign
decrypt = _native.feishu_decrypt
event_signature = _native.feishu_event_signature
verify_event_signature = _native.feishu_verify_event_signature

__all__ = ["bot_sign", "decrypt", "event_signature", "verify_event_signature"]
