/**
 * Terraform: HCL2 module folders ({@link dev.cloudwarden.engine.posture.source.terraform.TerraformSource}) and plan
 * JSON ({@link dev.cloudwarden.engine.posture.source.terraform.TerraformPlanSource}).
 *
 * <p>Attribute shapes, which checks rely on:
 * <ul>
 *   <li>an argument is its evaluated value: strings, numbers (Long, or Double when fractional), bools, null, lists
 *       (tuples, lists and sets alike; sets of strings or numbers in ascending order), maps (objects and maps);</li>
 *   <li>a nested block is always a list of maps under its type, repeated blocks in file order:
 *       {@code versioning { enabled = true }} is {@code versioning: [{enabled: true}]}; a labelled nested block nests
 *       its body under its labels ({@code provisioner: [{"local-exec": {...}}]});</li>
 *   <li>a {@code dynamic "x"} block adds its expansions to {@code x} when its {@code for_each} is known; when not,
 *       {@code x} as a whole is {@link dev.cloudwarden.engine.posture.model.Unknown};</li>
 *   <li>meta-arguments ({@code count}, {@code for_each}, {@code depends_on}, {@code provider}, {@code lifecycle}) are
 *       kept like any other argument;</li>
 *   <li>anything not statically known is {@link dev.cloudwarden.engine.posture.model.Unknown} with the source text
 *       and the addresses it mentions; a collection keeps its known parts ({@code [1, Unknown]});</li>
 *   <li>in a plan, attributes are the planned {@code values} (nested blocks are lists of maps there too), and what
 *       {@code after_unknown} marks is Unknown.</li>
 * </ul>
 * {@code hcl} holds the native-syntax parser; this package evaluates.
 */
package dev.cloudwarden.engine.posture.source.terraform;
