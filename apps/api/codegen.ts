/**
 * GraphQL Code Generator: resolver types from the SDL in src/schema/*.graphql.
 * `npm run codegen -w apps/api` rewrites src/generated/graphql.ts (committed);
 * src/generated/codegen.test.ts fails when the committed file is stale.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "src/schema/*.graphql",
  generates: {
    "src/generated/graphql.ts": {
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        useTypeImports: true,
        contextType: "../context.js#ApiContext",
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        scalars: {
          DateTime: "Date",
          LocalDate: "string",
          TimeZone: "string",
          SafeInt: "number",
          NonNegativeInt: "number",
          JSON: "unknown",
        },
        mappers: {
          Organization: "../mappers.js#OrganizationModel",
          OrganizationSettings: "../mappers.js#OrganizationModel",
          ApiKey: "../mappers.js#ApiKeyModel",
          Viewer: "../mappers.js#ViewerModel",
          Run: "../mappers.js#RunModel",
          RunDisclosure: "../mappers.js#RunModel",
          Estimate: "../mappers.js#EstimateModel",
          EstimateInputs: "../mappers.js#EstimateModel",
          IntensityUsed: "../mappers.js#EstimateModel",
          GridZone: "../mappers.js#GridZoneModel",
          Report: "../mappers.js#ReportModel",
          ReportVersion: "../mappers.js#ReportVersionModel",
          ReportDiff: "../mappers.js#ReportDiffModel",
          ReportRunChange: "../mappers.js#ReportRunChangeModel",
          ReportFigureChange: "../mappers.js#ReportFigureChangeModel",
          ReportGridLoad: "../mappers.js#ReportGridLoadModel",
          EmissionsResult: "../mappers.js#EmissionsResultModel",
        },
      },
    },
  },
};

export default config;
