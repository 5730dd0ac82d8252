import { App, Typography } from "antd";
import { useCallback } from "react";
import type { Acknowledgement } from "./acknowledgement.ts";
import { testId } from "./feedback.ts";

export interface AcknowledgeRequest extends Acknowledgement {
  title: string;
  okText: string;
  cancelText?: string;
  okTestId: string;
}

/**
 * A warning the user must acknowledge before a command runs (the server's
 * 409 CONFIRMATION_REQUIRED, or the same warning the view already carries):
 * its message and every item it names. Resolves true on OK.
 */
export function useAcknowledge(): (request: AcknowledgeRequest) => Promise<boolean> {
  const { modal } = App.useApp();
  return useCallback(
    (request: AcknowledgeRequest) =>
      new Promise<boolean>((resolve) => {
        modal.confirm({
          title: request.title,
          width: 560,
          content: <AcknowledgeContent message={request.message} items={request.items} />,
          okText: request.okText,
          cancelText: request.cancelText,
          okButtonProps: testId(request.okTestId),
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      }),
    [modal],
  );
}

function AcknowledgeContent({ message, items }: Acknowledgement) {
  return (
    <>
      <Typography.Paragraph data-testid="acknowledge-message">{message}</Typography.Paragraph>
      {items.length > 0 && (
        // No scroll box of its own: a long list scrolls with the dialog, which the keyboard reaches.
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="acknowledge-items">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </>
  );
}
