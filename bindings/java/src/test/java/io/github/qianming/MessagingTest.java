package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * WeCom, DingTalk, Feishu and Yonyou beyond the vectors: the random prefix, redaction, buffer
 * growth, refusals before the core, threads.
 */
class MessagingTest {
  // Tencent's WXBizMsgCrypt sample.
  static final String TOKEN = "QDG6eK";
  static final String KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
  static final String CORP_ID = "wx5823bf96d3bd56c7";

  @Test
  void yonyouTokenRequestDefaultsToThePublicCloudUrlOfTheCore() {
    assertEquals("https://open.yonyoucloud.com/open-auth/selfAppAuth/getAccessToken", Yonyou.DEFAULT_TOKEN_URL);
    HttpRequest byDefault = Yonyou.tokenRequest("k1", "secret", 1547192727928L);
    HttpRequest explicit = Yonyou.tokenRequest(Yonyou.DEFAULT_TOKEN_URL, "k1", "secret", 1547192727928L);
    assertEquals(explicit.url(), byDefault.url());
    assertTrue(byDefault.url().startsWith(Yonyou.DEFAULT_TOKEN_URL + "?appKey=k1&timestamp=1547192727928&signature="),
        byDefault.url());
  }

  @Test
  void encryptReplyDrawsItsRandomPrefixFromSecureRandom() {
    String message = "<xml><Content><![CDATA[你好]]></Content></xml>";
    WeCom.EncryptedReply a = WeCom.encryptReply(KEY, CORP_ID, message, TOKEN, "1700000000", "n1");
    WeCom.EncryptedReply b = WeCom.encryptReply(KEY, CORP_ID, message, TOKEN, "1700000000", "n1");
    // Fresh random bytes each time: another first block (it holds them), so another ciphertext.
    assertNotEquals(Arrays.toString(Arrays.copyOf(Base64.getDecoder().decode(a.encrypt()), 16)),
        Arrays.toString(Arrays.copyOf(Base64.getDecoder().decode(b.encrypt()), 16)));
    for (WeCom.EncryptedReply r : new WeCom.EncryptedReply[] {a, b}) {
      WeCom.verifyMsgSignature(TOKEN, "1700000000", "n1", r.encrypt(), r.signature());
      assertEquals(message, WeCom.decrypt(KEY, CORP_ID, r.encrypt()));
      assertEquals(message, WeCom.verifyAndDecrypt(TOKEN, KEY, CORP_ID, "1700000000", "n1", r.encrypt(),
          r.signature()));
    }
  }

  @Test
  void theRandomPrefixIsSixteenBytesAndTheCallersOwnIsUsedAsGiven() {
    assertEquals(16, WeCom.RANDOM_LEN);
    byte[] random = new byte[16];
    WeCom.EncryptedReply once = WeCom.encryptReply(KEY, CORP_ID, "m", random, TOKEN, "1", "n");
    assertEquals(once, WeCom.encryptReply(KEY, CORP_ID, "m", random, TOKEN, "1", "n"));
    assertArrayEquals(new byte[16], random, "the caller's array is not changed");
    for (int length : new int[] {0, 15, 17}) {
      QianmingException e = assertThrows(QianmingException.class,
          () -> WeCom.encryptReply(KEY, CORP_ID, "m", new byte[length], TOKEN, "1", "n"));
      assertEquals("invalid_field", e.kind(), e.getMessage());
    }
  }

  @Test
  void aCallbackForAnotherCorpOrWithAnotherSignatureIsRefused() {
    String echostr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    String signature = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
    assertEquals("1616140317555161061",
        WeCom.verifyAndDecrypt(TOKEN, KEY, CORP_ID, "1409659589", "263014780", echostr, signature));
    assertEquals("signature_mismatch", assertThrows(QianmingException.class, () -> WeCom.verifyAndDecrypt(
        TOKEN, KEY, CORP_ID, "1409659590", "263014780", echostr, signature)).kind());
    assertEquals("sign_mismatch", assertThrows(QianmingException.class, () -> WeCom.verifyAndDecrypt(
        TOKEN, KEY, "wx0000000000000000", "1409659589", "263014780", echostr, signature)).kind());
  }

  @Test
  void aYonyouTokenLeavesItsTokenOutOfToString() {
    String body = "{\"code\":\"00000\",\"message\":\"成功！\",\"data\":{\"access_token\":\"SECRET-Y\",\"expire\":7200}}";
    Yonyou.Token t = Yonyou.parseTokenAnswer(body.getBytes(StandardCharsets.UTF_8), 1000);
    assertEquals("SECRET-Y", t.accessToken());
    assertEquals(7_201_000L, t.lifetime().expiresAtMs());
    assertFalse(t.toString().contains("SECRET-Y"), t.toString());
    assertTrue(t.toString().startsWith("Token[accessToken=** redacted **, expireS=7200, message=成功！, lifetime="),
        t.toString());
  }

  @Test
  void signsAreShownWholeAndCompareByValue() {
    DingTalk.RobotSign d = DingTalk.robotSign("this is secret", 1_700_000_000_000L);
    assertEquals(d, DingTalk.robotSign("this is secret", 1_700_000_000_000L));
    assertEquals("RobotSign[sign=" + d.sign() + ", signUrlencoded=" + d.signUrlencoded() + "]", d.toString());
    Yonyou.Signature y = Yonyou.signature("k", "s", 1);
    assertEquals(y, Yonyou.signature("k", "s", 1));
    assertNotEquals(y, Yonyou.signature("k", "s", 2));
  }

  @Test
  void aFeishuSignatureIsOverTheRawBodyBytes() {
    byte[] body = "{\"x\":\"事件\"}".getBytes(StandardCharsets.UTF_8);
    String s = Feishu.eventSignature("1700000000", "随机", "密钥", body);
    assertEquals("a6ce2a9302b21c4709de17d2aca3c6deeb84e1eace07648cecdd74f8f7226672", s);
    Feishu.verifyEventSignature("1700000000", "随机", "密钥", body, s);
    assertEquals("signature_mismatch", assertThrows(QianmingException.class,
        () -> Feishu.verifyEventSignature("1700000000", "随机", "密钥", body, s.toUpperCase())).kind());
  }

  @Test
  void longMessagesGrowTheOutputBuffer() {
    StringBuilder xml = new StringBuilder("<xml><Content><![CDATA[");
    for (int i = 0; i < 3000; i++) {
      xml.append("消息");
    }
    String message = xml.append("]]></Content></xml>").toString();
    WeCom.EncryptedReply r = WeCom.encryptReply(KEY, CORP_ID, message, TOKEN, "1700000000", "n1");
    assertTrue(r.encrypt().length() > 8 * 1024, "encrypt is " + r.encrypt().length() + " chars");
    assertEquals(message, WeCom.verifyAndDecrypt(TOKEN, KEY, CORP_ID, "1700000000", "n1", r.encrypt(),
        r.signature()));
  }

  @Test
  void loneSurrogatesAndNullsAreRefusedBeforeTheCore() {
    String bad = "a\uD800b";
    for (Executable call : Arrays.<Executable>asList(
        () -> WeCom.msgSignature(bad, "1", "n", "e"),
        () -> WeCom.decrypt(KEY, bad, "e"),
        () -> WeCom.encryptReply(KEY, CORP_ID, bad, TOKEN, "1", "n"),
        () -> DingTalk.robotSign(bad, 1),
        () -> Feishu.botSign(bad, 1),
        () -> Feishu.verifyEventSignature("1", "n", "k", new byte[0], bad),
        () -> Yonyou.tokenRequest("https://h/p", "k", bad, 1))) {
      assertEquals("invalid_unicode", assertThrows(QianmingException.class, call).kind());
    }
    assertThrows(NullPointerException.class, () -> WeCom.encryptReply(KEY, CORP_ID, "m", null, TOKEN, "1", "n"));
    assertThrows(NullPointerException.class, () -> Feishu.eventSignature("1", "n", "k", null));
    assertThrows(NullPointerException.class, () -> Yonyou.parseTokenAnswer(null, 1));
  }

  @Test
  void threadsShareTheStaticFunctionsAndTheRandomSource() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> encrypts = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String message = "message " + i;
        encrypts.add(pool.submit(() -> {
          WeCom.EncryptedReply r = WeCom.encryptReply(KEY, CORP_ID, message, TOKEN, "1700000000", "n");
          assertEquals(message, WeCom.verifyAndDecrypt(TOKEN, KEY, CORP_ID, "1700000000", "n", r.encrypt(),
              r.signature()));
          return r.encrypt();
        }));
      }
      Set<String> distinct = new HashSet<>();
      for (Future<String> f : encrypts) {
        distinct.add(f.get());
      }
      assertEquals(200, distinct.size());
    } finally {
      pool.shutdownNow();
    }
  }
}
