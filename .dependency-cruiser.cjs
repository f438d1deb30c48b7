/**
 * The architecture of issue 13, checked on every `npm test` (npm run lint:arch).
 * src/platform knows Teams (botbuilder), HTTP and Cosmos DB and no feature; src/kernel knows
 * neither; a feature reaches Teams only through src/platform and another feature only through
 * its public module (index.ts); nothing imports in a circle, so features depend one way.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycles',
      severity: 'error',
      comment: 'A module may not need itself through others when the code runs (type-only imports are erased).',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'platform-imports-no-feature',
      severity: 'error',
      comment: 'src/platform is the same for every feature; compose.ts hands the features to it.',
      from: { path: '^src/platform/' },
      to: { path: '^src/features/' },
    },
    {
      name: 'kernel-imports-only-kernel',
      severity: 'error',
      comment: 'src/kernel is what every layer may use, so it uses neither the platform nor a feature.',
      from: { path: '^src/kernel/' },
      to: { path: '^src/(platform|features)/' },
    },
    {
      name: 'feature-through-its-public-module',
      severity: 'error',
      comment: "A feature uses another only through that feature's index.ts (its public module), types included; its other files are its own.",
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/[^/]+/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'botbuilder-only-in-platform',
      severity: 'error',
      comment: 'botbuilder is confined to src/platform, so moving to another Teams SDK is a swap of one folder.',
      from: { path: '^src/', pathNot: '^src/platform/' },
      to: { path: 'node_modules/botbuilder' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/features/tab/web/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
