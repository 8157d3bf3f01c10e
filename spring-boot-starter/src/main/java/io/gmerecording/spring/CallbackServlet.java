package io.gmerecording.spring;

import io.gmerecording.callbacks.CallbackEndpoint;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The callback endpoint as a servlet: the raw body bytes as received, answered as {@link CallbackEndpoint} says. */
final class CallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient CallbackEndpoint endpoint;

    CallbackServlet(CallbackEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CallbackEndpoint.Answer answer = endpoint.answer(request.getMethod(), request.getContentLengthLong(),
                request.getInputStream(), request.getHeader("Signature"));
        if (answer.status() == 405) {
            response.setHeader("Allow", "POST");
        }
        byte[] body = answer.body();
        response.setStatus(answer.status());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
