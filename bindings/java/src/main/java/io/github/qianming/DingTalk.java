package io.github.qianming;


/**
 * DingTalk (钉钉) custom robot sign (加签): {@code Base64(HmacSHA256(secret, timestamp_ms "\n"
 * secret))} for the webhook's {@code timestamp} and {@code sign} query parameters. DingTalk's
 * encrypted event callbacks are the WXBizMsgCrypt scheme: see {@link WeCom}. Rules:
 * docs/spec/dingtalk.md. Thread-safe.
 */
public final class DingTalk {
  private DingTalk() {}

  /** A robot sign, bare and URL-encoded. */
  public static final class RobotSign extends Value {
    private final String sign;
    private final String signUrlencoded;

    // qm_dingtalk_robot_sign_parts: sign, sign_urlencoded (qm_str).
    RobotSign(Scratch s, byte[] out) {
      this.sign = s.view(out, 0);
      this.signUrlencoded = s.view(out, 1);
    }

    /**
     * The sign.
     *
     * @return Base64 of the HMAC-SHA256 tag (44 characters)
     */
    public String sign() {
      return sign;
    }

    /**
     * The sign as the webhook's query carries it.
     *
     * @return {@link #sign()} encoded as {@code java.net.URLEncoder} does ({@code +}, {@code /}
     *     and {@code =} escaped): put it in the query as is, without encoding it again
     */
    public String signUrlencoded() {
      return signUrlencoded;
    }
    @Override
    Object[] fields() {
      return new Object[] {"sign", sign, "signUrlencoded", signUrlencoded};
    }
  }

  /**
   * The sign of a robot webhook call at {@code timestampMs}: call {@code
   * https://oapi.dingtalk.com/robot/send?access_token=…&timestamp=<timestampMs>&sign=<signUrlencoded>}.
   * DingTalk refuses a timestamp more than one hour away from its clock.
   *
   * @param secret the robot's secret ({@code SEC…}, from its security settings; not empty)
   * @param timestampMs milliseconds since the epoch (unsigned)
   * @return the sign, bare and URL-encoded
   * @throws QianmingException {@code empty_secret}, …
   */
  public static RobotSign robotSign(String secret, long timestampMs) {
    Scratch s = Scratch.get();
    final long k = s.text(secret);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_dingtalk_robot_sign(x.ptr(k), Scratch.len(k), timestampMs,
        x.parts, x.outPtr(), x.outCap(), x.outLen));
    return new RobotSign(s, out);
  }
}
