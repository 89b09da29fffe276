package vn.canhbao.vms.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param type a URI naming the kind of problem
 * @param title short, the same for every occurrence of the type (Vietnamese / English)
 * @param status the HTTP status
 * @param detail what went wrong this time, naming the field and value at fault
 * @param instance the request path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {}
