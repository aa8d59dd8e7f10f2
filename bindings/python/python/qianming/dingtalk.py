"""DingTalk (钉钉) custom robot webhook sign (加签). DingTalk's encrypted event callbacks are the
WXBizMsgCrypt scheme: see ``qianming.wecom``.

>>> from qianming import dingtalk
>>> s = dingtalk.robot_sign("SEC000000", 1700000000000)
>>> s.sign, s.sign_urlencoded
('A+KC3I4p0mgxsFnN5H+cnrVpt7UWSBbevMlmsBlxam4=', 'A%2BKC3I4p0mgxsFnN5H%2BcnrVpt7UWSBbevMlmsBlxam4%3D')
>>> webhook = "https://oapi.dingtalk.com/robot/send?access_token=…"
>>> url = f"{webhook}&timestamp=1700000000000&sign={s.sign_urlencoded}"
"""

from . import _native

robot_sign = _native.dingtalk_robot_sign

RobotSign = _native.DingTalkRobotSign

__all__ = ["RobotSign", "robot_sign"]
