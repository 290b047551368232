/**
 * Routes. The overview (the landing page) is in the entry chunk so that its figures need no
 * second round trip; every other page is its own chunk (React.lazy), and charts (ECharts) load
 * only when a page draws one (charts/LazyChart.tsx).
 */
import { lazy, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router";
import { Layout } from "./components/Layout";
import { Loading } from "./components/States";
import Overview from "./pages/Overview";
import { SignIn } from "./pages/SignIn";
import { SessionProvider, useSession } from "./session";

const Runs = lazy(() => import("./pages/Runs"));
const RunDetail = lazy(() => import("./pages/RunDetail"));
const Grid = lazy(() => import("./pages/Grid"));
const Reports = lazy(() => import("./pages/Reports"));
const Instruments = lazy(() => import("./pages/Instruments"));

function SignedInRoutes() {
  const { viewer } = useSession();
  const location = useLocation();
  if (!viewer) return <SignIn returnTo={`${location.pathname}${location.search}`} />;
  return (
    <Layout>
      <Suspense fallback={<Loading what="page" />}>
        <Routes>
          <Route path="/" element={<Overview />} />
          <Route path="/runs" element={<Runs />} />
          <Route path="/runs/:id" element={<RunDetail />} />
          <Route path="/grid" element={<Grid />} />
          <Route path="/reports" element={<Reports />} />
          <Route path="/scope2" element={<Instruments />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <SignedInRoutes />
      </SessionProvider>
    </BrowserRouter>
  );
}
