package io.lantian.ingest.reading;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

/**
 * Keeps the bytes of a readings batch (bounded by the platform's request size limit) as a request attribute
 * before the JSON converter reads them, so an item streamed into its fields ({@link ReadingItem}) can still be
 * given its input text when it is rejected. The converter, its errors and the validation stay Spring's.
 */
@ControllerAdvice(assignableTypes = ReadingController.class)
class ReadingBodyAdvice extends RequestBodyAdviceAdapter {

    static final String BODY = ReadingBodyAdvice.class.getName() + ".body";

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType == ReadingController.ReadingBatch.class;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body;
        try {
            body = message.getBody().readAllBytes();   // not closed: the container owns the request stream
        } catch (IOException e) {
            throw new HttpMessageNotReadableException("I/O error while reading the request body: " + e.getMessage(), e, message);
        }
        RequestContextHolder.currentRequestAttributes().setAttribute(BODY, body, RequestAttributes.SCOPE_REQUEST);
        HttpHeaders headers = message.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }
}
