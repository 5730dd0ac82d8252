import { type CallView, isConnected, type RoundView } from "@kaoping/core";
import type { TableColumnsType } from "antd";
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Input, Segmented, Select, Switch, Table, Tag, Typography } from "antd";
import { type HTMLAttributes, type KeyboardEvent as ReactKeyboardEvent, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ApiRequestError } from "../../api/client.ts";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import {
  initialSheet,
  type KeyOrigin,
  type SaveRequest,
  type SheetEvent,
  type SheetNotice,
  type SheetState,
  sheetStep,
  sheetTakesKey,
} from "./call-sheet-keys.ts";
import { hotlineApi } from "./hotline-api.ts";
import { CALL_STATES, type CallSheetFilters, callFiltersOf, callQueryOf, isSlow } from "./hotline-format.ts";
import { kindLabel, LEVEL_COLORS, levelLabel, OUTCOME_BUTTONS, outcomeColor, outcomeLabel } from "./hotline-labels.ts";

const PAGE_SIZE = 100;

/** Fields that take typing: the sheet leaves their keys alone. */
const TEXT_TARGET =
  "input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable=''], [contenteditable=true], [role=combobox]";
/**
 * Other controls: their Enter and arrows are theirs. Not an element focusable only by script
 * (tabindex -1): the main area is one (the skip link's target), and a click anywhere on the page
 * focuses it — counting it a control would take Enter away from the sheet.
 */
const CONTROL_TARGET =
  "button, a[href], [role=button], [role=radio], [role=switch], [role=tab], [role=menuitem], input, [tabindex]:not([tabindex='-1'])";

/** Where a key was pressed: a text field, another control, or the sheet itself (the page, its own buttons and rows). */
function targetOf(target: EventTarget | null): KeyOrigin["target"] {
  if (!(target instanceof Element)) return "sheet";
  if (target.closest(TEXT_TARGET)) return "text";
  if (target.closest("[data-sheet-keys]") && !target.closest(".ant-pagination")) return "sheet";
  return target.closest(CONTROL_TARGET) ? "control" : "sheet";
}

/**
 * 拨打登记: the checker's call sheet, made for the keyboard. The current call shows its number large
 * and copyable; 1–7 pick the outcome, digits the seconds to answer, Enter saves and moves to the next
 * pending call, Esc skips (call-sheet-keys.ts). By default the checker's own calls still to ring; a
 * round's link shows all of its calls (?roundId=&mine=false&state=all). Each record is sent with the
 * version the sheet holds: a 409 (recorded by someone else, or the round closed) says so and refreshes.
 */
export function CallsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const filters = callFiltersOf(params);
  const filtersKey = JSON.stringify(filters);

  const [sheet, setSheet] = useState<SheetState<CallView>>(() => initialSheet<CallView>());
  const sheetRef = useRef(sheet);
  const [total, setTotal] = useState(0);
  const [paging, setPaging] = useState({ page: 1, pageSize: PAGE_SIZE });
  const [isLoading, setIsLoading] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [note, setNote] = useState({ callId: null as string | null, text: "" });
  const loads = useRef(0);
  const saveRef = useRef<(request: SaveRequest) => Promise<void>>(async () => {});

  const dispatch = useCallback((event: SheetEvent<CallView>) => {
    const result = sheetStep(sheetRef.current, event);
    sheetRef.current = result.state;
    setSheet(result.state);
    if (result.save) void saveRef.current(result.save);
    return result.handled;
  }, []);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: filtersKey stands for filters; reloads asks again
  useEffect(() => {
    const id = ++loads.current;
    setIsLoading(true);
    hotlineApi
      .calls({ ...callQueryOf(filters), ...paging })
      .then((page) => {
        if (id !== loads.current) return;
        setTotal(page.total);
        dispatch({ type: "load", calls: page.rows });
      })
      .catch((error: unknown) => {
        if (id === loads.current) showError(error);
      })
      .finally(() => {
        if (id === loads.current) setIsLoading(false);
      });
  }, [filtersKey, paging, reloads, dispatch, showError]);

  // The last pending call of the page saved: the next ones come from the server.
  const isEmptied = sheet.calls.length === 0 && total > 0 && !isLoading;
  useEffect(() => {
    if (isEmptied) setPaging((current) => ({ ...current, page: 1 }));
  }, [isEmptied]);

  const current = sheet.calls.find((c) => c.id === sheet.current) ?? null;
  const noteText = note.callId === sheet.current ? note.text : "";

  // Also sends the save a `saved` replays (keys typed ahead during the last save): dispatch sends
  // whatever save any event returns.
  saveRef.current = async (request: SaveRequest) => {
    const call = sheetRef.current.calls.find((c) => c.id === request.callId);
    if (!call) {
      dispatch({ type: "failed" });
      return;
    }
    // The note typed for this call: a replayed save is for the call after the one last rendered.
    const callNote = note.callId === call.id ? note.text : "";
    try {
      const saved = await hotlineApi.record(call.id, {
        outcome: request.outcome,
        secondsToAnswer: request.secondsToAnswer,
        note: callNote.trim() || null,
        version: call.version,
      });
      const keep = filters.state !== "pending";
      dispatch({ type: "saved", call: saved, keep });
      if (!keep) setTotal((n) => Math.max(0, n - 1));
      void message.success(t("hotline.calls.saved", { phone: saved.phone, outcome: outcomeLabel(saved.outcome) }));
      if (saved.defectId && !call.defectId) void message.info(t("hotline.calls.defectFiled"));
    } catch (error) {
      dispatch({ type: "failed" });
      if (error instanceof ApiRequestError && error.status === 409) {
        void message.warning(t("hotline.calls.stale", { message: error.message }));
        reload();
      } else showError(error);
    }
  };

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const origin: KeyOrigin = {
        key: event.key,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        target: targetOf(event.target),
      };
      if (sheetTakesKey(origin) && dispatch({ type: "key", key: event.key })) event.preventDefault();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [dispatch]);

  // The current row stays in sight as the checker moves down the sheet.
  useEffect(() => {
    if (sheet.current) document.querySelector(`[data-row-key="${CSS.escape(sheet.current)}"]`)?.scrollIntoView({ block: "nearest" });
  }, [sheet.current]);

  const setFilters = (next: CallSheetFilters) => {
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as Record<string, string>);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <Flex vertical gap="middle">
      <CallFilters filters={filters} onChange={setFilters} />
      <div data-sheet-keys>
        <Flex vertical gap="middle">
          {current ? (
            <CurrentCall
              call={current}
              index={sheet.calls.indexOf(current) + 1}
              total={sheet.calls.length}
              sheet={sheet}
              dispatch={dispatch}
              note={noteText}
              onNote={(text) => setNote({ callId: current.id, text })}
              showChecker={filters.mine === "false"}
            />
          ) : (
            <Card data-testid="call-sheet-empty">
              <Empty description={t(filters.state === "pending" ? "hotline.calls.empty" : "hotline.calls.emptyAll")} />
              <SheetNoticeBar notice={sheet.notice} />
            </Card>
          )}
          <KeyHints />
          <CallTable
            sheet={sheet}
            dispatch={dispatch}
            isLoading={isLoading}
            total={total}
            paging={paging}
            onPage={(page, pageSize) => setPaging({ page, pageSize })}
            showChecker={filters.mine === "false"}
          />
        </Flex>
      </div>
    </Flex>
  );
}

/** Which calls: still to ring, recorded or all; the checker's own or everyone's it may see; one round or all. */
function CallFilters({ filters, onChange }: { filters: CallSheetFilters; onChange: (filters: CallSheetFilters) => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [rounds, setRounds] = useState<RoundView[]>([]);
  useEffect(() => {
    hotlineApi
      .rounds({ page: 1, pageSize: 200 })
      .then((page) => setRounds(page.rows))
      .catch(showError);
  }, [showError]);
  return (
    <Card size="small">
      <Flex gap={24} wrap align="center">
        <Segmented
          value={filters.state}
          onChange={(state) => onChange({ ...filters, state: state as CallSheetFilters["state"] })}
          options={CALL_STATES.map((state) => ({ value: state, label: t(`hotline.calls.state.${state}`) }))}
          aria-label={t("hotline.field.status")}
          data-testid="call-filter-state"
        />
        <Flex gap={8} align="center">
          <Switch
            id="call-filter-mine"
            checked={filters.mine === "true"}
            onChange={(mine) => onChange({ ...filters, mine: mine ? "true" : "false" })}
            data-testid="call-filter-mine"
          />
          <label htmlFor="call-filter-mine">{t("hotline.calls.mine")}</label>
        </Flex>
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          style={{ minWidth: 280 }}
          placeholder={t("hotline.calls.allRounds")}
          aria-label={t("hotline.field.round")}
          value={filters.roundId ?? null}
          onChange={(roundId: string | null) => {
            const { roundId: _, ...rest } = filters;
            onChange(roundId ? { ...rest, roundId } : rest);
          }}
          options={rounds.map((r) => ({ value: r.id, label: `${r.name}（${levelLabel(r.level)}）` }))}
          data-testid="call-filter-round"
        />
      </Flex>
    </Card>
  );
}

/** The call being rung: its number large and copyable, where it belongs, the outcome keys, the seconds, save and skip. */
function CurrentCall({
  call,
  index,
  total,
  sheet,
  dispatch,
  note,
  onNote,
  showChecker,
}: {
  call: CallView;
  index: number;
  total: number;
  sheet: SheetState<CallView>;
  dispatch: (event: SheetEvent<CallView>) => boolean;
  note: string;
  onNote: (text: string) => void;
  showChecker: boolean;
}) {
  const { t } = useTranslation();
  const { draft } = sheet;
  const takesSeconds = draft.outcome !== null && isConnected(draft.outcome);
  const seconds = draft.seconds === "" ? null : Number(draft.seconds);
  // Enter and Esc in the seconds and note fields act on the sheet; their other keys type.
  const fieldKeys = (event: ReactKeyboardEvent) => {
    if ((event.key === "Enter" || event.key === "Escape") && dispatch({ type: "key", key: event.key })) event.preventDefault();
  };
  return (
    <Card
      title={t("hotline.calls.current")}
      extra={<Typography.Text type="secondary">{t("hotline.calls.currentOf", { index, total })}</Typography.Text>}
      data-testid="call-current"
      data-call-id={call.id}
    >
      <Flex vertical gap="middle">
        <Flex gap={24} wrap align="center">
          <Typography.Text
            copyable={{ text: call.phone, tooltips: [t("hotline.calls.copyPhone"), t("hotline.calls.copied")] }}
            style={{ fontSize: 32, fontWeight: 600, letterSpacing: 1, fontVariantNumeric: "tabular-nums" }}
            data-testid="call-current-phone"
          >
            {call.phone}
          </Typography.Text>
          {call.outcome && (
            <Tag color={outcomeColor(call.outcome)} data-testid="call-current-outcome">
              {outcomeLabel(call.outcome)}
              {call.secondsToAnswer !== null ? ` · ${call.secondsToAnswer} ${t("hotline.calls.secondsUnit")}` : ""}
            </Tag>
          )}
        </Flex>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t("hotline.field.unit")}>{call.unitName}</Descriptions.Item>
          <Descriptions.Item label={t("hotline.field.itemCode")}>{call.itemCode}</Descriptions.Item>
          <Descriptions.Item label={t("hotline.field.kind")}>{kindLabel(call.kind)}</Descriptions.Item>
          <Descriptions.Item label={t("hotline.field.plannedAt")}>{formatDateTime(call.plannedAt)}</Descriptions.Item>
          <Descriptions.Item label={t("hotline.field.round")}>
            <Tag color={LEVEL_COLORS[call.level]}>{levelLabel(call.level)}</Tag>
            {call.roundName}
          </Descriptions.Item>
          {showChecker && <Descriptions.Item label={t("hotline.field.checker")}>{call.checkerName}</Descriptions.Item>}
        </Descriptions>
        <Flex gap={8} wrap role="group" aria-label={t("hotline.field.outcome")} data-testid="call-outcomes">
          {OUTCOME_BUTTONS.map(({ key, outcome, label }) => {
            const isPicked = draft.outcome === outcome;
            return (
              <Button
                key={outcome}
                type={isPicked ? "primary" : "default"}
                danger={isPicked && !isConnected(outcome)}
                aria-pressed={isPicked}
                aria-keyshortcuts={key}
                disabled={sheet.isSaving}
                onClick={() => dispatch({ type: "outcome", outcome })}
                data-testid={`call-outcome-${outcome}`}
                data-key={key}
              >
                <Typography.Text keyboard>{key}</Typography.Text>
                {label}
              </Button>
            );
          })}
        </Flex>
        <Flex gap={16} wrap align="center">
          <Flex gap={8} align="center">
            <label htmlFor="call-seconds">{t("hotline.field.seconds")}</label>
            <Input
              id="call-seconds"
              inputMode="numeric"
              autoComplete="off"
              style={{ width: 120 }}
              suffix={t("hotline.calls.secondsUnit")}
              value={draft.seconds}
              disabled={!takesSeconds || sheet.isSaving}
              onChange={(event) => dispatch({ type: "seconds", value: event.target.value })}
              onKeyDown={fieldKeys}
              data-testid="call-seconds"
            />
            {takesSeconds && isSlow(seconds) && <Tag color="warning">{t("hotline.calls.slow")}</Tag>}
          </Flex>
          <Input
            aria-label={t("hotline.field.note")}
            placeholder={t("hotline.calls.notePlaceholder")}
            style={{ flex: "1 1 240px", maxWidth: 480 }}
            maxLength={500}
            value={note}
            disabled={sheet.isSaving}
            onChange={(event) => onNote(event.target.value)}
            onKeyDown={fieldKeys}
            data-testid="call-note"
          />
          <Button
            type="primary"
            loading={sheet.isSaving}
            aria-keyshortcuts="Enter"
            onClick={() => dispatch({ type: "key", key: "Enter" })}
            data-testid="call-save"
          >
            {t("hotline.calls.save")}
          </Button>
          <Button
            aria-keyshortcuts="Escape"
            disabled={sheet.isSaving}
            onClick={() => dispatch({ type: "key", key: "Escape" })}
            data-testid="call-skip"
          >
            {t("hotline.calls.skip")}
          </Button>
        </Flex>
        <SheetNoticeBar notice={sheet.notice} />
      </Flex>
    </Card>
  );
}

/** Why the last key did nothing, or that keys typed while saving were dropped. */
function SheetNoticeBar({ notice }: { notice: SheetNotice | null }) {
  const { t } = useTranslation();
  return (
    <div aria-live="polite" data-testid="call-notice">
      {notice && <Alert type="warning" showIcon title={t(`hotline.calls.notice.${notice}`)} />}
    </div>
  );
}

/** The keys, always in sight. */
function KeyHints() {
  const { t } = useTranslation();
  const hints: [string[], string][] = [
    [["1", "–", "7"], "outcome"],
    [["0", "–", "9"], "seconds"],
    [["Enter"], "save"],
    [["Esc"], "skip"],
    [["Backspace"], "back"],
    [["↑", "↓"], "move"],
  ];
  return (
    <Flex gap={20} wrap align="center" data-testid="call-sheet-keys" aria-label={t("hotline.calls.keysTitle")} role="note">
      <Typography.Text strong>{t("hotline.calls.keysTitle")}</Typography.Text>
      {hints.map(([keys, action]) => (
        <Typography.Text key={action} type="secondary">
          {keys.map((key) =>
            key === "–" ? (
              " – "
            ) : (
              <Typography.Text key={key} keyboard>
                {key}
              </Typography.Text>
            ),
          )}{" "}
          {t(`hotline.calls.keys.${action}`)}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** The calls of the sheet, the current one marked; a click (or the radio) makes a row current. */
function CallTable({
  sheet,
  dispatch,
  isLoading,
  total,
  paging,
  onPage,
  showChecker,
}: {
  sheet: SheetState<CallView>;
  dispatch: (event: SheetEvent<CallView>) => boolean;
  isLoading: boolean;
  total: number;
  paging: { page: number; pageSize: number };
  onPage: (page: number, pageSize: number) => void;
  showChecker: boolean;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<CallView> = [
    { key: "plannedAt", title: t("hotline.field.plannedAt"), render: (_, c) => formatDateTime(c.plannedAt) },
    { key: "phone", dataIndex: "phone", title: t("hotline.field.phone") },
    { key: "unit", dataIndex: "unitName", title: t("hotline.field.unit") },
    { key: "itemCode", dataIndex: "itemCode", title: t("hotline.field.itemCode") },
    { key: "kind", title: t("hotline.field.kind"), render: (_, c) => kindLabel(c.kind) },
    { key: "round", dataIndex: "roundName", title: t("hotline.field.round") },
    ...(showChecker ? [{ key: "checker", dataIndex: "checkerName", title: t("hotline.field.checker") }] : []),
    {
      key: "outcome",
      title: t("hotline.field.outcome"),
      render: (_, c) =>
        c.outcome ? (
          <Tag color={outcomeColor(c.outcome)} data-outcome={c.outcome}>
            {outcomeLabel(c.outcome)}
          </Tag>
        ) : (
          <Tag>{t("hotline.calls.pending")}</Tag>
        ),
    },
    {
      key: "seconds",
      title: t("hotline.field.seconds"),
      align: "right",
      render: (_, c) =>
        c.secondsToAnswer === null ? (
          "—"
        ) : (
          <Typography.Text type={isSlow(c.secondsToAnswer) ? "warning" : undefined}>{c.secondsToAnswer}</Typography.Text>
        ),
    },
    { key: "calledAt", title: t("hotline.field.calledAt"), render: (_, c) => formatDateTime(c.calledAt) },
  ];
  return (
    <Card title={t("hotline.menu.calls")}>
      <Table<CallView>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={[...sheet.calls]}
        loading={isLoading}
        scroll={{ x: "max-content" }}
        rowSelection={{
          type: "radio",
          columnTitle: t("hotline.calls.currentColumn"),
          selectedRowKeys: sheet.current ? [sheet.current] : [],
          onChange: (keys) => dispatch({ type: "select", id: String(keys[0]) }),
          getCheckboxProps: (c) => ({ "aria-label": `${t("hotline.calls.selectRow")} ${c.phone}` }) as object,
        }}
        onRow={(c) =>
          ({
            onClick: () => dispatch({ type: "select", id: c.id }),
            style: { cursor: "pointer" },
            "aria-current": c.id === sheet.current ? "true" : undefined,
            "data-testid": c.id === sheet.current ? "call-row-current" : "call-row",
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [50, 100, 200],
          showTotal: (n) => t("common.total", { total: n }),
          onChange: onPage,
        }}
        data-testid="calls-table"
      />
    </Card>
  );
}
