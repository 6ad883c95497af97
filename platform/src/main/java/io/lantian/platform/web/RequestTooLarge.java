package io.lantian.platform.web;

/** A request body grew past its limit while being read (chunked bodies declare no length up front). */
public class RequestTooLarge extends RuntimeException {

    public RequestTooLarge(long limit) {
        super("The request body exceeds the limit of " + limit + " bytes.");
    }
}
