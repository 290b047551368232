-- EmissionsRollup keeps UTC days and months only: the hours at a requested bucket's edges are
-- read from the estimates (docs/adr/0080-emissions-rollup.md, amended 2026-12-02). The hour rows
-- were about one per estimate, a third of the upkeep of every estimate write.
DELETE FROM "EmissionsRollup" WHERE "grain" = 'hour';

-- Storage setting Prisma's schema cannot declare (allow-listed in
-- packages/db/src/migrations/schema-agreement.int.test.ts): leave free space on each page so
-- that the estimate writer's upsert of an existing rollup row (a new row version, no key column
-- changes) can stay on the row's page: a HOT update, no primary-key entry written. Set before
-- the column type change below, whose table rewrite then applies it to every page. 70: a row is
-- ~600 bytes, so a page keeps room for ~4 new versions.
ALTER TABLE "EmissionsRollup" SET (fillfactor = 70);

-- AlterEnum: drop the value 'hour' (Postgres cannot drop an enum value: a new type replaces it).
ALTER TYPE "RollupGrain" RENAME TO "RollupGrain_old";
CREATE TYPE "RollupGrain" AS ENUM ('day', 'month');
ALTER TABLE "EmissionsRollup" ALTER COLUMN "grain" TYPE "RollupGrain" USING ("grain"::text::"RollupGrain");
DROP TYPE "RollupGrain_old";
