package dev.messenger.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiExceptionTest {

  @Test
  void fromResponse_errorBody_takesCodeAndMessage() {
    ApiException e =
        ApiException.fromResponse(
            409, "{\"error\":{\"code\":\"conflict\",\"message\":\"username taken\"}}");

    assertThat(e.status()).isEqualTo(409);
    assertThat(e.code()).isEqualTo("conflict");
    assertThat(e.errorMessage()).isEqualTo("username taken");
    assertThat(e.getMessage()).contains("409", "conflict", "username taken");
  }

  @Test
  void fromResponse_emptyBody_usesCodeOfStatus() {
    ApiException e = ApiException.fromResponse(401, "");

    assertThat(e.code()).isEqualTo("unauthorized");
  }

  @Test
  void fromResponse_nonJsonBody_keepsItAsMessage() {
    ApiException e = ApiException.fromResponse(502, "Bad Gateway");

    assertThat(e.code()).isEqualTo("internal");
    assertThat(e.errorMessage()).isEqualTo("Bad Gateway");
  }

  @Test
  void codeFor_mapsEveryProtocolStatus() {
    assertThat(ApiException.codeFor(400)).isEqualTo("bad_request");
    assertThat(ApiException.codeFor(403)).isEqualTo("forbidden");
    assertThat(ApiException.codeFor(404)).isEqualTo("not_found");
    assertThat(ApiException.codeFor(413)).isEqualTo("too_large");
    assertThat(ApiException.codeFor(429)).isEqualTo("rate_limited");
    assertThat(ApiException.codeFor(500)).isEqualTo("internal");
    assertThat(ApiException.codeFor(503)).isEqualTo("unavailable");
  }
}
