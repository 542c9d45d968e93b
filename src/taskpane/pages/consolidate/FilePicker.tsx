import { Button, makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";
import { useAppContext } from "../../context";
import { fill } from "../../fill";
import { droppedFiles, pickedFolderFiles } from "./folders";
import { strings } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  label: { fontWeight: tokens.fontWeightSemibold },
  zone: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalL,
    textAlign: "center",
    cursor: "pointer",
    color: tokens.colorNeutralForeground2,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  over: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  row: { display: "flex", alignItems: "center", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  // The browser's own "Choose Files / No file chosen" speaks the browser's language, not the page's:
  // the drop zone below is the one visible, focusable control and opens this input.
  hiddenInput: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

const ACCEPT = ".xlsx,.xlsm,.xls,.ods,.zip";

/** File input plus a drop zone (also a keyboard button that opens the picker). Adds to the list. */
export default function FilePicker(props: {
  files: readonly File[];
  disabled: boolean;
  onAdd(files: File[]): void;
  onClear(): void;
}): React.JSX.Element {
  const { t } = useAppContext();
  const styles = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  const folderInput = React.useRef<HTMLInputElement>(null);
  const inputId = React.useId();
  // React does not know the folder picker's attribute: set it on the element itself.
  React.useEffect(() => {
    folderInput.current?.setAttribute("webkitdirectory", "");
  }, []);
  const [over, setOver] = React.useState(false);
  const open = () => {
    if (!props.disabled) input.current?.click();
  };
  return (
    <div className={styles.root}>
      <label htmlFor={inputId} className={styles.label}>
        {t(strings.pickLabel)}
      </label>
      <input
        id={inputId}
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        className={styles.hiddenInput}
        tabIndex={-1}
        aria-hidden={true}
        disabled={props.disabled}
        data-testid="consolidate-file-input"
        onChange={(e) => {
          const list = e.currentTarget.files;
          if (list && list.length > 0) props.onAdd(Array.from(list));
          // Picking the same file again must fire onChange again.
          e.currentTarget.value = "";
        }}
      />
      <input
        ref={folderInput}
        type="file"
        multiple
        className={styles.hiddenInput}
        tabIndex={-1}
        aria-hidden={true}
        disabled={props.disabled}
        data-testid="consolidate-folder-input"
        onChange={(e) => {
          const list = e.currentTarget.files;
          // Each file named by its path in the folder ("Bao cao/xa A.xlsx").
          if (list && list.length > 0) props.onAdd(pickedFolderFiles(list));
          e.currentTarget.value = "";
        }}
      />
      <div
        role="button"
        tabIndex={props.disabled ? -1 : 0}
        aria-disabled={props.disabled}
        aria-label={t(strings.dropZone)}
        className={`${styles.zone} ${over ? styles.over : ""}`}
        data-testid="consolidate-dropzone"
        onClick={open}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            open();
          }
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (!props.disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (props.disabled) return;
          // A dropped folder is walked; its files are named by their path inside it.
          void droppedFiles(e.dataTransfer).then((dropped) => {
            if (dropped.length > 0) props.onAdd(dropped);
          });
        }}
      >
        {t(strings.dropZone)}
      </div>
      <div className={styles.row}>
        <Button
          size="small"
          disabled={props.disabled}
          onClick={() => folderInput.current?.click()}
          data-testid="consolidate-pick-folder"
        >
          {t(strings.pickFolder)}
        </Button>
      </div>
      {props.files.length > 0 && (
        <div className={styles.row}>
          <span role="status" data-testid="consolidate-picked">
            {fill(t(strings.picked), { count: props.files.length })}
          </span>
          <Button size="small" disabled={props.disabled} onClick={props.onClear} data-testid="consolidate-clear">
            {t(strings.clear)}
          </Button>
        </div>
      )}
    </div>
  );
}
