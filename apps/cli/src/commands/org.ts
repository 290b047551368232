/** `finetrace org create` and `finetrace keys create`. */
import { createApiKey, createOrganization, OrganizationInputError } from "@finetrace/services";
import { cliEnv, organizationBySlug, withPrisma } from "../context.js";
import { UsageError } from "../errors.js";
import type { Io } from "../program.js";

/** "Acme AI, Inc." -> "acme-ai-inc" (lowercase letters, digits, dashes; at most 63). */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
}

export async function orgCreateCommand(
  io: Io,
  name: string,
  options: { slug?: string; timezone: string; json?: boolean },
): Promise<void> {
  const slug = options.slug ?? slugify(name);
  await withPrisma(cliEnv(), async (prisma) => {
    const existing = await prisma.organization.findUnique({ where: { slug } });
    let org = existing;
    if (!org) {
      try {
        org = await createOrganization(prisma, { slug, name, reportingTimezone: options.timezone });
      } catch (error) {
        if (error instanceof OrganizationInputError) throw new UsageError(error.message);
        throw error;
      }
    }
    const summary = {
      id: org.id,
      slug: org.slug,
      name: org.name,
      reportingTimezone: org.reportingTimezone,
      created: !existing,
    };
    io.out(
      options.json
        ? JSON.stringify(summary, null, 2)
        : `${existing ? "exists" : "created"}: ${org.slug} (${org.name}, ${org.reportingTimezone}) id ${org.id}`,
    );
  });
}

export async function keysCreateCommand(
  io: Io,
  options: { org: string; role: "admin" | "ingest" | "read"; name: string; json?: boolean },
): Promise<void> {
  await withPrisma(cliEnv(), async (prisma) => {
    const org = await organizationBySlug(prisma, options.org);
    let created: Awaited<ReturnType<typeof createApiKey>>;
    try {
      created = await createApiKey(prisma, {
        organizationId: org.id,
        role: options.role,
        name: options.name,
      });
    } catch (error) {
      if (error instanceof OrganizationInputError) throw new UsageError(error.message);
      throw error;
    }
    if (options.json) {
      io.out(JSON.stringify({ organization: org.slug, role: options.role, ...created }, null, 2));
      return;
    }
    io.err(
      `API key ${created.prefix}... (${options.role}) for ${org.slug}; the secret is shown only now:`,
    );
    io.out(created.key);
  });
}
