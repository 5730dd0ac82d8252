import type { Framework, Indicator, ValidationIssue } from "@kaoping/core";
import { Card, Col, Flex, Row, Spin, Tabs } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { initialPreviewState } from "../preview/preview-inputs.ts";
import { PreviewPanel } from "../preview/preview-panel.tsx";
import { EditorHeader } from "./editor-header.tsx";
import { FactsEditor } from "./facts-editor.tsx";
import { FrameworkInfoForm } from "./framework-info-form.tsx";
import { IndicatorPanel } from "./indicator-panel.tsx";
import { IndicatorTree } from "./indicator-tree.tsx";
import type { IndicatorPath } from "./indicator-tree-ops.ts";
import { issueLevels, issuePlace, issueTarget } from "./issue-location.ts";
import { useFrameworkEditor } from "./use-framework-editor.ts";
import { useResponsibleOptions } from "./use-responsible-options.ts";
import { useUnsavedGuard } from "./use-unsaved-guard.ts";
import { ValidationPanel } from "./validation-panel.tsx";

type TabKey = "indicator" | "preview" | "facts" | "info";

/** /assess/frameworks/:id — one framework version; a new id is a new editor. */
export function FrameworkEditorPage() {
  const { id = "" } = useParams();
  return <FrameworkEditorScreen key={id} id={id} />;
}

/** Tree at the left; the indicator with its rules, the preview, the facts and the framework's fields at the right. */
function FrameworkEditorScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const editor = useFrameworkEditor(id);
  const [tab, setTab] = useState<TabKey>("indicator");
  // Bumped on add / move / delete, so the indicator form remounts even when the same path now holds another node.
  const [structure, setStructure] = useState(0);
  const [preview, setPreview] = useState(() => initialPreviewState(t("framework.previewUnitN", { n: 1 })));
  const responsibleOptions = useResponsibleOptions();
  const { definition, view, selected } = editor;
  const levels = useMemo(() => (definition ? issueLevels(definition, editor.validation) : new Map()), [definition, editor.validation]);
  useUnsavedGuard(editor.isDirty);

  if (!view || !definition) return <Spin size="large" style={{ display: "block", margin: "20vh auto" }} />;

  function handleTreeChange(indicators: Indicator[], path: IndicatorPath | null) {
    editor.change((current) => ({ ...current, indicators }));
    editor.select(path);
    setStructure((n) => n + 1);
  }

  function handlePickIssue(issue: ValidationIssue) {
    if (!definition) return;
    const target = issueTarget(definition, issue);
    if (target.kind === "indicator") {
      editor.select(target.path);
      if (tab !== "preview") setTab("indicator");
    } else {
      setTab(target.kind);
    }
  }

  const change = (update: (current: Framework) => Framework) => editor.change(update);
  const tabs = [
    {
      key: "indicator",
      label: <span data-testid="tab-indicator">{t("framework.tabIndicator")}</span>,
      children: (
        <IndicatorPanel
          key={structure}
          definition={definition}
          selected={selected}
          isReadOnly={editor.isReadOnly}
          responsibleOptions={responsibleOptions}
          onChange={change}
        />
      ),
    },
    {
      key: "preview",
      label: <span data-testid="tab-preview">{t("framework.tabPreview")}</span>,
      children: <PreviewPanel definition={definition} selected={selected} state={preview} onStateChange={setPreview} />,
    },
    {
      key: "facts",
      label: <span data-testid="tab-facts">{t("framework.tabFacts", { count: definition.facts.length })}</span>,
      children: (
        <FactsEditor
          framework={definition}
          isReadOnly={editor.isReadOnly}
          onChange={(facts) => change((current) => ({ ...current, facts }))}
        />
      ),
    },
    {
      key: "info",
      label: <span data-testid="tab-info">{t("framework.tabInfo")}</span>,
      children: <FrameworkInfoForm framework={definition} isReadOnly={editor.isReadOnly} onChange={change} />,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <EditorHeader editor={editor} view={view} />
      <ValidationPanel
        report={editor.validation}
        placeOf={(issue) => issuePlace(definition, issue)}
        isValidating={editor.isValidating}
        onPick={handlePickIssue}
      />
      <Row gutter={12} wrap>
        <Col xs={24} lg={8} xxl={6}>
          <Card size="small" title={t("framework.tree")} styles={{ body: { maxHeight: "calc(100vh - 260px)", overflow: "auto" } }}>
            <IndicatorTree
              indicators={definition.indicators}
              selected={selected}
              onSelect={editor.select}
              onChange={editor.isReadOnly ? undefined : handleTreeChange}
              levels={levels}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16} xxl={18}>
          <Card size="small">
            <Tabs activeKey={tab} onChange={(key) => setTab(key as TabKey)} items={tabs} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
