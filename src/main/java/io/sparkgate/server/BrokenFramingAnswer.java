package io.sparkgate.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;

/**
 * Answers a request body whose HTTP/1.1 framing is broken (a chunk size that is not hex or
 * overflows, chunk data longer than its size) with a 400 and a reason, then closes. Vert.x reports
 * such a body by closing the connection at once, before a route can answer, so this sits in the
 * Netty pipeline between the HTTP decoder and Vert.x's handler (reached through Vert.x's internal
 * {@code ConnectionBase}; without it the connection is simply closed, as before).
 */
final class BrokenFramingAnswer extends ChannelInboundHandlerAdapter {
  static final String NAME = "sparkgate-broken-framing";
  private static final String DECODER = "httpDecoder";
  private static final String VERTX_HANDLER = "handler";

  static void install(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)) {
      return;
    }
    ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
    if (pipeline.get(DECODER) != null && pipeline.get(VERTX_HANDLER) != null && pipeline.get(NAME) == null) {
      pipeline.addBefore(VERTX_HANDLER, NAME, new BrokenFramingAnswer());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    // a failed HttpMessage is a broken request line or header, which Vert.x answers (400, 414, 431)
    if (message instanceof HttpContent content && !(message instanceof HttpMessage) && content.decoderResult().isFailure()) {
      Throwable cause = content.decoderResult().cause();
      ReferenceCountUtil.release(message);
      String reason = "malformed HTTP request body (chunked encoding)"
          + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage());
      byte[] body = new JsonObject().put("code", 400).put("reason", reason).encode().getBytes(StandardCharsets.UTF_8);
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
          Unpooled.wrappedBuffer(body));
      response.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
          .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
          .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    context.fireChannelRead(message);
  }
}
