package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantCostFieldsTest {

  @Test
  void aCompleteCostSectionPasses() throws Exception {
    JsonNode tenant =
        SparkTenantValidatorTest.with(
            "/spec/cost",
            "{currency: USD, rates: {cpuCoreHour: '0.05', memoryGiBHour: '0.01', gpuHour: '2.5'},"
                + " warnPerRun: '50', maxPerRun: '70', monthlyBudget: '5000.00'}");
    assertThat(SparkTenantValidator.check(tenant)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{maxPerRun: '-70'} | spec.cost.maxPerRun \"-70\" is not an amount: write a decimal string such as \"0.05\"",
        "{maxPerRun: 70} | spec.cost.maxPerRun 70 is not a string: write amounts as quoted decimals",
        "{monthlyBudget: 'lots'} | spec.cost.monthlyBudget \"lots\" is not an amount",
        "{rates: {cpuCoreHour: '0,05'}} | spec.cost.rates.cpuCoreHour \"0,05\" is not an amount",
        "{rates: {cpu: '0.05'}} | spec.cost.rates.cpu is not a field of SparkTenant (known: cpuCoreHour, gpuHour, memoryGiBHour)",
        "{currency: dollars} | spec.cost.currency \"dollars\" is not a currency code",
        "{budget: '5'} | spec.cost.budget is not a field of SparkTenant",
        "'cheap' | spec.cost is not an object",
      })
  void badCostFieldsAreNamed(String cost, String message) throws Exception {
    JsonNode tenant = SparkTenantValidatorTest.with("/spec/cost", cost);
    assertThat(SparkTenantValidator.problemMessage(tenant)).contains(message);
  }
}
