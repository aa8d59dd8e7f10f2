// Type-checked (tsc --noEmit) usage of the Kingdee K3Cloud and Weaver e-cology 9 declarations.
import { type HttpRequest, type U64 } from 'qianming';
import {
  ecology,
  type EcologyRegistration,
  type EcologyServerKey,
  type EcologyToken,
} from 'qianming/ecology';
import {
  k3cloud,
  type K3CloudGatewayCredentials,
  type K3CloudIdentity,
  type K3CloudSession,
  type K3CloudSignedHeaders,
} from 'qianming/k3cloud';

const identity: K3CloudIdentity = {
  acctId: '62a8f6b6c2a1b2',
  userName: 'demo',
  appId: '224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4',
  appSecret: '0d1f5a5e3c1b4a7f9e2d8c6b4a291735',
};
const url = 'https://erp.example.com/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.View.common.kdsvc';
const gateway: K3CloudGatewayCredentials = k3cloud.gatewayCredentials(identity.appId);
const signed: K3CloudSignedHeaders = k3cloud.sign({ ...identity, url, timestampUnit: 's', timestampMs: 1700000000123n });
const headers: Array<[string, string]> = signed.headers;
const call: HttpRequest = k3cloud.request({ ...identity, lcid: 1033, orgNum: '100', url, body: '{}' });
const sign: string = k3cloud.loginSign({ ...identity, timestampS: 1700000000, hash: 'sha1' });
const login: HttpRequest = k3cloud.loginBySignRequest({ ...identity, serverUrl: 'https://erp.example.com/k3cloud/' });
const legacy: HttpRequest = k3cloud.loginByAppSecretRequest({ ...identity, serverUrl: 'https://erp.example.com/k3cloud/' });
const session: K3CloudSession = k3cloud.parseLoginAnswer('{"LoginResultType":1,"KDSVCSessionId":"s"}');
const flag: boolean | null = session.isSuccessByApi;
const cookies: Array<[string, string]> = k3cloud.sessionHeaders(session.sessionId);
const lcid: number = k3cloud.defaultLcid;

const spk = 'MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDc+24Vo2IZpDNKR3zJwY3Inq+7r4w9QOQVS/IIVvuGsMSxQ8tmpO2RzXt+cEvOezo/v6CSoGZsbiidqfuMnjp2ZPpOha7Rnoex+JMMdAx/je7IZGa9ypGBpp6ik13awa21+Sse0E/xWG9DGzbfUIyNXyehqWU7UX6OuLwvERb88QIDAQAB';
const key: EcologyServerKey = ecology.serverKey(spk);
const sealed: string = ecology.encrypt({ spk, plaintext: '1' });
const seeded: string = ecology.encrypt({ spk, plaintext: '1', seed: new Uint8Array(32) });
const regist: HttpRequest = ecology.registRequest({ baseUrl: 'http://oa.example.com', appid: 'APP1', cpk: spk });
const registration: EcologyRegistration = ecology.parseRegistAnswer(new Uint8Array());
const apply: HttpRequest = ecology.applytokenRequest({ baseUrl: 'http://oa.example.com', appid: 'APP1', spk, secrit: registration.secrit, timeS: 3600 });
const token: EcologyToken = ecology.parseTokenAnswer('{}', { lifetimeS: 3600 });
const now: EcologyToken = ecology.parseTokenAnswer('{}');
const expiresAt: U64 = token.expiresAtMs;
const callHeaders: Array<[string, string]> = ecology.callHeaders({ appid: 'APP1', token: token.token, spk, userid: '1' });
const lifetime: U64 = ecology.defaultTokenLifetimeS;

// @ts-expect-error: the seed is bytes
ecology.encrypt({ spk, plaintext: '1', seed: '00'.repeat(32) });
// @ts-expect-error: a signed call needs its URL
k3cloud.sign({ ...identity });
// @ts-expect-error: a request needs its body
k3cloud.request({ ...identity, url });
// @ts-expect-error: the locale id is a number
k3cloud.sign({ ...identity, url, lcid: '2052' });
// @ts-expect-error: the default lifetime is read-only
ecology.defaultTokenLifetimeS = 1;

void [gateway, headers, call, sign, login, legacy, flag, cookies, lcid, key, sealed, seeded, regist, apply, now, expiresAt, callHeaders, lifetime];
