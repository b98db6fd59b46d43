package io.sparkgate.cel.library;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizerAndLibraryTest {

  private final KubeCel cel = KubeCel.withLibrary();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "authorizer.group('apps').resource('deployments').namespace('ns').name('x').check('create').allowed()",
        "authorizer.group('').resource('pods').subresource('exec').check('create').reason() == ''",
        "authorizer.path('/healthz').check('get').errored()",
        "authorizer.serviceAccount('ns', 'sa').group('').resource('pods').check('get').error() == ''",
        "authorizer.group('').resource('pods').fieldSelector('a=b').labelSelector('c=d').check('list').allowed()",
      })
  void authorizerPoliciesCompileButFailClearlyAtRunTime(String expression) {
    assertThat(cel.compiles(expression)).isTrue();
    assertThat(cel.error(expression))
        .contains("authorizer is not supported by Sparkgate without a cluster connection");
  }

  @Test
  void authorizerIsOnlyCalledWhenReached() {
    assertThat(cel.eval("true || authorizer.path('/').check('get').allowed()")).isEqualTo(true);
  }

  @Test
  void authorizerIsDeclaredWithKubernetesTypeName() {
    assertThat(KubernetesCelLibrary.AUTHORIZER_VARIABLE.name()).isEqualTo("authorizer");
    assertThat(KubernetesCelLibrary.AUTHORIZER_VARIABLE.type().name())
        .isEqualTo("kubernetes.authorization.Authorizer");
  }

  @Test
  void typeMistakesAreCompileErrors() {
    assertThat(cel.compiles("quantity(1)")).isFalse();
    assertThat(cel.compiles("url('https://x').getPort() == 80")).isFalse();
    assertThat(cel.compiles("ip('1.2.3.4').isLessThan(ip('1.2.3.5'))")).isFalse();
    assertThat(cel.compiles("semver('1.0.0').isLessThan(quantity('1'))")).isFalse();
  }

  @Test
  void sharedMethodNamesDispatchOnTheReceiverType() {
    assertThat(cel.eval("quantity('1').isLessThan(quantity('2')) && semver('1.0.0').isLessThan(semver('2.0.0'))"))
        .isEqualTo(true);
    assertThat(cel.eval("string(ip('::1')) + ' ' + string(cidr('::/0')) + ' ' + string(1)"))
        .isEqualTo("::1 ::/0 1");
  }

  @Test
  void opaqueValuesReportTheirKubernetesTypeNames() {
    assertThat(cel.eval("type(quantity('1')) == type(quantity('2'))")).isEqualTo(true);
    assertThat(String.valueOf(cel.eval("type(ip('::1'))"))).contains("net.IP");
  }
}
