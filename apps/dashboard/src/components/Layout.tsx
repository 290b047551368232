/** Header (organization, role, sign out), navigation and the main landmark of every page. */
import { type ReactNode, useEffect } from "react";
import { NavLink } from "react-router";
import { useQuery } from "urql";
import { useSession, ViewerQuery } from "../session";

const pages = [
  { to: "/", label: "Overview", end: true },
  { to: "/runs", label: "Runs", end: false },
  { to: "/grid", label: "Grid", end: false },
  { to: "/reports", label: "Reports", end: false },
  { to: "/scope2", label: "Scope 2 inputs", end: false },
];

export function Layout({ children }: { children: ReactNode }) {
  const { viewer, signOut } = useSession();
  // Re-checks the key on every load: a revoked key signs out (client.ts) with a message.
  const [{ data }] = useQuery({ query: ViewerQuery, requestPolicy: "network-only" });
  const name = data?.viewer.organization.name ?? viewer?.organizationName;
  const role = data?.viewer.role ?? viewer?.role;
  useEffect(() => {
    document.title = name ? `Finetrace · ${name}` : "Finetrace";
  }, [name]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <span className="brand">Finetrace</span>
        <nav aria-label="Pages">
          <ul>
            {pages.map((p) => (
              <li key={p.to}>
                <NavLink to={p.to} end={p.end}>
                  {p.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span data-testid="organization-name">{name}</span>{" "}
          <span className="role" data-testid="key-role">
            {role} key
          </span>
          <button type="button" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
