// Type-checked (tsc --noEmit) usage of the WXBizMsgCrypt, DingTalk, Feishu and Yonyou declarations.
import { type HttpRequest, type U64 } from 'qianming';
import {
  dingtalk,
  feishu,
  wecom,
  yonyou,
  type DingTalkRobotSign,
  type WeComCallback,
  type WeComEncryptedReply,
  type YonyouSignature,
  type YonyouToken,
} from 'qianming/messaging';

const callback: WeComCallback = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  receiveId: 'wx5823bf96d3bd56c7',
  timestamp: '1409659589',
  nonce: '263014780',
  encrypt: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
};
const echo: string = wecom.verifyAndDecrypt(callback);
const signature: string = wecom.msgSignature({ ...callback, timestamp: 1409659589 });
wecom.verifyMsgSignature({ ...callback, signature });
const plain: string = wecom.decrypt({ encodingAesKey: callback.encodingAesKey, receiveId: '', encrypt: callback.encrypt });
const reply: WeComEncryptedReply = wecom.encryptReply({ ...callback, message: '<xml/>', timestamp: 1700000000n });
const seeded: WeComEncryptedReply = wecom.encryptReply({ ...callback, message: '<xml/>', random: new Uint8Array(16) });

const robot: DingTalkRobotSign = dingtalk.robotSign('SEC…', Date.now());
const webhook = `https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1&sign=${robot.signUrlencoded}`;
const bot: string = feishu.botSign('secret', 1599360473n);
const event: string = feishu.decrypt('test key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=');
const lark: string = feishu.eventSignature({ timestamp: '1', nonce: 'n', encryptKey: 'k', body: new Uint8Array(2) });
feishu.verifyEventSignature({ timestamp: '1', nonce: 'n', encryptKey: 'k', body: '{}', signature: lark });

const signed: YonyouSignature = yonyou.signature('appKey', 'appSecret', 1547192727928);
const request: HttpRequest = yonyou.tokenRequest({ appKey: 'k', appSecret: 's' });
const custom: HttpRequest = yonyou.tokenRequest({ tokenUrl: yonyou.defaultTokenUrl, appKey: 'k', appSecret: 's', timestampMs: 1n });
const token: YonyouToken = yonyou.parseTokenAnswer(new Uint8Array(), Date.now());
const expiresAt: U64 = token.expiresAtMs;
const message: string | null = token.message;

// @ts-expect-error: the random prefix is bytes
wecom.encryptReply({ ...callback, message: 'm', random: '00112233445566778899aabbccddeeff' });
// @ts-expect-error: a robot sign needs the timestamp it is sent with
dingtalk.robotSign('SEC…');
// @ts-expect-error: the default token URL is read-only
yonyou.defaultTokenUrl = 'https://x/';
// @ts-expect-error: a callback needs its msg_signature
wecom.verifyAndDecrypt({ ...callback, msgSignature: undefined });

void [echo, plain, reply, seeded, webhook, bot, event, signed, request, custom, expiresAt, message];
