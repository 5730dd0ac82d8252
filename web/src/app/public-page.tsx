import { Flex } from "antd";
import type { ReactNode } from "react";
import { LanguageSwitch } from "./language-switch.tsx";

/** The frame of the pages anyone may open without a session (登录, 群众找茬): centred, with the language switch. */
export function PublicPage({ children }: { children: ReactNode }) {
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: "100vh", background: "linear-gradient(160deg, #e6f0ff 0%, #f5f7fa 60%)", padding: 16 }}
    >
      <div style={{ position: "absolute", top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      {children}
    </Flex>
  );
}
