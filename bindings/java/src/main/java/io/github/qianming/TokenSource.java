package io.github.qianming;

import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * The app-token cache of {@link KingdeeHttpAuth}: fetches with {@link Kingdee.Signer#tokenRequest},
 * reads the answer with {@link KingdeeToken#parseTokenAnswer}, and fetches again when {@link
 * TokenLifetime#action} no longer says {@code REUSE}. Threads that find no valid token wait for
 * one fetch instead of each sending their own.
 */
final class TokenSource {
  private final Kingdee.Signer signer;
  private final String baseUrl;
  private final String appKey;
  private final String appSecret;
  private final String uid;
  private final long skewMs;
  private final LongSupplier nowMs;
  private final Object fetching = new Object();
  private volatile KingdeeToken.AppToken token;

  TokenSource(Kingdee.Signer signer, String baseUrl, String appKey, String appSecret, String uid,
      long skewMs, LongSupplier nowMs) {
    this.signer = signer;
    this.baseUrl = baseUrl;
    this.appKey = appKey;
    this.appSecret = appSecret;
    this.uid = uid;
    this.skewMs = skewMs;
    this.nowMs = nowMs;
  }

  String current(KingdeeHttpAuth.TokenTransport transport) throws IOException {
    String valid = reusable(token);
    if (valid != null) {
      return valid;
    }
    synchronized (fetching) {
      valid = reusable(token); // another thread may have fetched it while this one waited
      if (valid != null) {
        return valid;
      }
      KingdeeToken.AppToken fresh = fetch(transport);
      token = fresh;
      return fresh.appToken();
    }
  }

  private String reusable(KingdeeToken.AppToken held) {
    if (held != null && held.lifetime().action(nowMs.getAsLong(), skewMs) == TokenLifetime.Action.REUSE) {
      return held.appToken();
    }
    return null;
  }

  private KingdeeToken.AppToken fetch(KingdeeHttpAuth.TokenTransport transport) throws IOException {
    KingdeeToken.Request request = signer.tokenRequest(baseUrl, appKey, appSecret, uid,
        Long.toString(nowMs.getAsLong()), Kingdee.newNonce());
    KingdeeHttpAuth.TokenAnswer answer = transport.send(request.http());
    long receivedAtMs = nowMs.getAsLong();
    if (answer.status() < 200 || answer.status() > 299) {
      throw new IOException("the Kingdee app-token request was answered HTTP " + answer.status()
          + (answer.status() == 519 ? " (the gateway could not verify the request signature)" : ""));
    }
    return KingdeeToken.parseTokenAnswer(answer.body(), receivedAtMs);
  }

  void invalidate(String staleToken) {
    synchronized (fetching) {
      KingdeeToken.AppToken held = token;
      if (held != null && held.appToken().equals(staleToken)) {
        token = null;
      }
    }
  }
}
