"""Apusic unified identity (金蝶Apusic统一身份管理): OAuth 2.0 authorization code, sans-IO.

1. ``authorize_url`` (with your ``state`` and optionally a PKCE ``code_verifier``, e.g.
   ``secrets.token_urlsafe(32)``) — send the browser there;
2. ``parse_callback`` — check ``state`` and take the ``code``;
3. ``token_request`` / ``parse_token_answer`` — exchange the code for an access token;
4. ``userinfo_request`` / ``parse_userinfo_answer`` — who the user is.

>>> from qianming import oauth
>>> base = "http://sso.example.com/api/apusic"
>>> url = oauth.authorize_url(base, client_id="7119", redirect_uri="http://app/cb", state="s1")
>>> cb = oauth.parse_callback("http://app/cb?code=586za9&state=s1", expected_state="s1")
>>> req = oauth.token_request(base, client_id="7119", client_secret="sec",
...                           redirect_uri="http://app/cb", code=cb.code)
>>> oauth.parse_token_answer(b"access_token=623239c3&expires=7200").access_token
'623239c3'
"""

from . import _native

pkce_challenge = _native.oauth_pkce_challenge
authorize_url = _native.oauth_authorize_url
parse_callback = _native.oauth_parse_callback
token_request = _native.oauth_token_request
parse_token_answer = _native.oauth_parse_token_answer
userinfo_request = _native.oauth_userinfo_request
parse_userinfo_answer = _native.oauth_parse_userinfo_answer

Callback = _native.OauthCallback
AccessToken = _native.OauthAccessToken
UserInfo = _native.OauthUserInfo

AUTHORIZE_PATH: str = _native.OAUTH_AUTHORIZE_PATH
TOKEN_PATH: str = _native.OAUTH_TOKEN_PATH
USERINFO_PATH: str = _native.OAUTH_USERINFO_PATH

__all__ = [
    "AUTHORIZE_PATH",
    "AccessToken",
    "Callback",
    "TOKEN_PATH",
    "USERINFO_PATH",
    "UserInfo",
    "authorize_url",
    "parse_callback",
    "parse_token_answer",
    "parse_userinfo_answer",
    "pkce_challenge",
    "token_request",
    "userinfo_request",
]
