/** Sign in with an API key; the key stays in sessionStorage (never in the URL or a log). */
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { useSession } from "../session";

export function SignIn({ returnTo }: { returnTo: string }) {
  const { signIn, message } = useSession();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem("apiKey") as HTMLInputElement;
    setBusy(true);
    const failure = await signIn(input.value);
    setBusy(false);
    setProblem(failure);
    if (!failure) navigate(returnTo, { replace: true });
  }

  return (
    <main id="main" className="sign-in">
      <h1>Finetrace</h1>
      <p>Energy, carbon and water of your organization's fine-tuning runs.</p>
      {message && (
        <p className="state state-error" role="alert" data-testid="sign-in-message">
          {message}
        </p>
      )}
      <form onSubmit={submit} aria-describedby="key-help">
        <label htmlFor="apiKey">API key</label>
        <input
          id="apiKey"
          name="apiKey"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          aria-invalid={problem ? true : undefined}
          aria-errormessage={problem ? "key-problem" : undefined}
        />
        <p id="key-help" className="help">
          A key starting with <code>ft_</code> (<code>finetrace keys create</code>, or the one{" "}
          <code>npm run demo -- --serve</code> prints). It is kept in this tab only.
        </p>
        {problem && (
          <p id="key-problem" className="state state-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
