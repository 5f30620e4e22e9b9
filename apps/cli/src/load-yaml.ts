type Yaml = typeof import('yaml');

/**
 * The `yaml` package, loaded on demand. It is CommonJS under Node: in a split esbuild bundle a dynamic
 * import hands its functions over under `default` (module.exports) only, elsewhere at the top level.
 */
export async function loadYaml(): Promise<Yaml> {
  const module: Yaml & { default?: Yaml } = await import('yaml');
  return module.default ?? module;
}
