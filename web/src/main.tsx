import "./i18n/index.ts";
import "./app/app.css";
import "./app/a11y.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { KaopingApp } from "./app/app.tsx";

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
createRoot(root).render(
  <StrictMode>
    <KaopingApp />
  </StrictMode>,
);
