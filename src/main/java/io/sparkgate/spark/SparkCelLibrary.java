package io.sparkgate.spark;

import dev.cel.checker.CelCheckerBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.exceptions.CelInvalidArgumentException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;
import io.sparkgate.cel.JsonValues;
import io.sparkgate.cel.library.FunctionBindings;
import io.sparkgate.images.ImageReference;
import io.sparkgate.images.ImageScanIndex;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sparkgate's Spark functions for policy expressions, all under {@code spark.}: memory sizes and
 * CPU amounts as Spark writes them, a normalised sizing view of Spark applications, the storage
 * URIs an application references, and Spark pod roles. None of them exists in Kubernetes: {@code
 * lint --portable} flags them through {@link #functionNames()}.
 */
public final class SparkCelLibrary implements CelCompilerLibrary, CelRuntimeLibrary {

  static final String MEMORY_BYTES = "spark.memoryBytes";
  static final String MILLICORES = "spark.millicores";
  static final String APP = "spark.app";
  static final String STORAGE_URIS = "spark.storageUris";
  static final String IS_SPARK_POD = "spark.isSparkPod";
  static final String ROLE = "spark.role";
  static final String IMAGES = "spark.images";
  static final String IMAGE_DIGEST = "spark.imageDigest";
  static final String IMAGE_SCAN = "spark.imageScan";
  static final String COST = "spark.cost";
  static final String MICROS = "spark.micros";
  static final String MONEY = "spark.money";
  static final String POD = "spark.pod";

  private static final CelType STRING_TO_DYN = MapType.create(SimpleType.STRING, SimpleType.DYN);
  private static final CelType STRINGS = ListType.create(SimpleType.STRING);

  private SparkCelLibrary() {}

  public static SparkCelLibrary create() {
    return new SparkCelLibrary();
  }

  /** The names of the functions this library declares, sorted. */
  public static List<String> functionNames() {
    return declarations().stream().map(CelFunctionDecl::name).sorted().toList();
  }

  @Override
  public void setCheckerOptions(CelCheckerBuilder checker) {
    checker.addFunctionDeclarations(declarations());
  }

  @Override
  public void setRuntimeOptions(CelRuntimeBuilder runtime) {
    runtime.addFunctionBindings(FunctionBindings.byFunction(declarations(), bindings()));
  }

  /** The functions bound per policy set at evaluation, not by this library. */
  public static List<String> lateBoundFunctionNames() {
    return List.of(IMAGE_SCAN);
  }

  static List<CelFunctionDecl> declarations() {
    return List.of(
        function(
            MEMORY_BYTES,
            global("spark_memory_bytes_string", SimpleType.INT, SimpleType.STRING),
            global("spark_memory_bytes_int", SimpleType.INT, SimpleType.INT)),
        function(
            MILLICORES,
            global("spark_millicores_string", SimpleType.INT, SimpleType.STRING),
            global("spark_millicores_int", SimpleType.INT, SimpleType.INT),
            global("spark_millicores_double", SimpleType.INT, SimpleType.DOUBLE)),
        function(APP, global("spark_app_dyn", STRING_TO_DYN, SimpleType.DYN)),
        function(STORAGE_URIS, global("spark_storage_uris_dyn", STRINGS, SimpleType.DYN)),
        function(IS_SPARK_POD, global("spark_is_spark_pod_dyn", SimpleType.BOOL, SimpleType.DYN)),
        function(ROLE, global("spark_role_dyn", SimpleType.STRING, SimpleType.DYN)),
        function(IMAGES, global("spark_images_dyn", STRINGS, SimpleType.DYN)),
        function(IMAGE_DIGEST, global("spark_image_digest_string", SimpleType.STRING, SimpleType.STRING)),
        // bound per policy set to its scan records (ImageScanIndex#functions), not here
        function(IMAGE_SCAN, global(ImageScanIndex.IMAGE_SCAN_OVERLOAD, OptionalType.create(STRING_TO_DYN),
            SimpleType.STRING)),
        function(
            COST,
            global(
                "spark_cost_dyn_map_int",
                STRING_TO_DYN,
                SimpleType.DYN,
                STRING_TO_DYN,
                SimpleType.INT)),
        function(MICROS, global("spark_micros_string", SimpleType.INT, SimpleType.STRING)),
        function(
            MONEY,
            global("spark_money_int_string", SimpleType.STRING, SimpleType.INT, SimpleType.STRING)),
        function(POD, global("spark_pod_dyn", STRING_TO_DYN, SimpleType.DYN)));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from(
            "spark_memory_bytes_string",
            String.class,
            text -> reporting(MEMORY_BYTES, () -> SparkMemory.parseBytes(text))),
        CelFunctionBinding.from(
            "spark_memory_bytes_int",
            Long.class,
            bytes -> reporting(MEMORY_BYTES, () -> SparkMemory.checkBytes(bytes))),
        CelFunctionBinding.from(
            "spark_millicores_string",
            String.class,
            text -> reporting(MILLICORES, () -> SparkCpu.millicores(text))),
        CelFunctionBinding.from(
            "spark_millicores_int",
            Long.class,
            number -> reporting(MILLICORES, () -> SparkCpu.millicores(number))),
        CelFunctionBinding.from(
            "spark_millicores_double",
            Double.class,
            number -> reporting(MILLICORES, () -> SparkCpu.millicores(number))),
        CelFunctionBinding.from(
            "spark_app_dyn",
            Object.class,
            object -> reporting(APP, () -> SparkApplicationView.ofRequestObject(object))),
        CelFunctionBinding.from(
            "spark_storage_uris_dyn",
            Object.class,
            object -> reporting(STORAGE_URIS, () -> StorageUris.of(object))),
        CelFunctionBinding.from("spark_is_spark_pod_dyn", Object.class, SparkPods::isSparkPod),
        CelFunctionBinding.from("spark_role_dyn", Object.class, SparkPods::role),
        CelFunctionBinding.from(
            "spark_images_dyn",
            Object.class,
            object -> reporting(IMAGES, () -> SparkImages.of(object))),
        CelFunctionBinding.from(
            "spark_image_digest_string",
            String.class,
            image -> ImageReference.parse(image).pinnedDigest()),
        CelFunctionBinding.from(
            "spark_cost_dyn_map_int",
            List.of(Object.class, Map.class, Long.class),
            args -> reporting(COST, () -> costOnce(args[0], (Map<?, ?>) args[1], (Long) args[2]))),
        CelFunctionBinding.from(
            "spark_micros_string",
            String.class,
            text -> reporting(MICROS, () -> Money.micros(Money.parse("amount", text)))),
        CelFunctionBinding.from(
            "spark_money_int_string",
            Long.class,
            String.class,
            (micros, currency) -> Money.format(micros, currency)),
        CelFunctionBinding.from(
            "spark_pod_dyn", Object.class, object -> reporting(POD, () -> SparkPods.pod(object))));
  }

  /** The arguments of one {@code spark.cost} call beside its object. */
  private record CostArguments(Map<?, ?> rates, long seconds) {}

  /**
   * {@code spark.cost} of a request's object, computed once per request for each rate card and
   * duration (the pack's cost policies all price the same application); an estimate that fails is
   * computed, and fails, in every policy that asks, as before.
   */
  private static Map<String, Object> costOnce(Object object, Map<?, ?> rates, long seconds) {
    return JsonValues.derivedOnce(object, new CostArguments(rates, seconds),
        value -> SparkCost.estimate(value, rates, seconds));
  }

  /** Runs a function; a bad value becomes a CEL error whose message starts with the function. */
  private static <T> T reporting(String function, Supplier<T> body) {
    try {
      return body.get();
    } catch (SparkValueException e) {
      throw new CelInvalidArgumentException(function + ": " + e.getMessage());
    }
  }

  private static CelFunctionDecl function(String name, CelOverloadDecl... overloads) {
    return CelFunctionDecl.newFunctionDeclaration(name, overloads);
  }

  private static CelOverloadDecl global(String id, CelType result, CelType... params) {
    return CelOverloadDecl.newGlobalOverload(id, result, List.of(params));
  }
}
