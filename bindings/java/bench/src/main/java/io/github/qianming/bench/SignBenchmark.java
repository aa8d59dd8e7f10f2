package io.github.qianming.bench;

import io.github.qianming.Kingdee;
import io.github.qianming.Pair;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Kingdee's request signature (the seed's app-token request) and app_signature, through the
 * jar (JNA to libqianming) and through {@link JavaxBaseline}, in one JMH run. Setup checks that
 * both sides give the same signatures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SignBenchmark {
  static final String CLIENT_ID = "205022";
  static final String CLIENT_SECRET = "0123456789abcdef0123456789abcdef";
  static final String PATH = "/jdyconnector/app_management/kingdee_auth_token";
  static final List<Pair> QUERY = Arrays.asList(Pair.of("app_key", "abc"), Pair.of("app_signature",
      "ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ=="));
  static final String TIMESTAMP = "1700000000000";
  static final String NONCE = "1234567890";
  static final String APP_KEY = "abc";
  static final String APP_SECRET = "abc123";

  private Kingdee.Signer signer;
  private JavaxBaseline request;
  private JavaxBaseline app;

  @Setup
  public void setUp() throws GeneralSecurityException {
    signer = new Kingdee.Signer(CLIENT_ID, CLIENT_SECRET);
    request = new JavaxBaseline(CLIENT_ID, CLIENT_SECRET);
    app = new JavaxBaseline(CLIENT_ID, APP_SECRET);
    String ours = signer.sign("GET", PATH, QUERY, null, TIMESTAMP, NONCE).signature();
    if (!ours.equals(request.sign("GET", PATH, QUERY, TIMESTAMP, NONCE).get("X-Api-Signature"))
        || !appSignatureQianming().equals(appSignatureJavax())) {
      throw new IllegalStateException("the javax.crypto baseline disagrees with libqianming");
    }
  }

  @TearDown
  public void tearDown() {
    signer.close();
  }

  @Benchmark
  public Map<String, String> requestJavax() {
    return request.sign("GET", PATH, QUERY, TIMESTAMP, NONCE);
  }

  @Benchmark
  public List<Pair> requestQianming() {
    return signer.sign("GET", PATH, QUERY, null, TIMESTAMP, NONCE).headers();
  }

  @Benchmark
  public String appSignatureJavax() {
    return app.base64HexHmac(APP_KEY);
  }

  @Benchmark
  public String appSignatureQianming() {
    return Kingdee.appSignature(APP_KEY, APP_SECRET);
  }
}
