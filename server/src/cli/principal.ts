import os from "node:os";
import { systemPrincipal } from "../platform/auth/principal.ts";

/** The CLI acts as the operating-system user, recorded in the audit log. */
export const cliPrincipal = () => systemPrincipal(`命令行 (${os.userInfo().username})`);
