/**
 * GraphQL Code Generator, client preset: typed documents for every `graphql(...)` call under
 * src/, from the API's SDL files (read as files; the dashboard imports no code of apps/api).
 * `npm run codegen -w apps/dashboard` rewrites src/generated/ (committed);
 * src/generated.test.ts fails when it is stale.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../api/src/schema/*.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/generated/**"],
  ignoreNoDocuments: false,
  generates: {
    "src/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          DateTime: "string",
          LocalDate: "string",
          TimeZone: "string",
          SafeInt: "number",
          NonNegativeInt: "number",
          JSON: "unknown",
        },
      },
    },
  },
};

export default config;
