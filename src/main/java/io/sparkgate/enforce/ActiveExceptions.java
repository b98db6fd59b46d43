package io.sparkgate.enforce;

import io.sparkgate.policy.ParamLookup;
import io.sparkgate.policy.ParamObject;
import java.time.Instant;

/** How many SparkPolicyExceptions are in force: well-formed and not expired. For the gauge. */
public final class ActiveExceptions {
  private ActiveExceptions() {}

  public static long count(ParamLookup params, Instant now) {
    long active = 0;
    for (ParamObject object : params.all(SparkKinds.EXCEPTION)) {
      if (object.exception() != null && object.exception().activeAt(now)) {
        active++;
      }
    }
    return active;
  }
}
