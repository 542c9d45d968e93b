import { Button } from "@fluentui/react-components";
import * as React from "react";

/** A button that opens the file chooser (the input stays hidden); the picked file goes to `onFile`, read in the page only. */
export default function FilePick(props: {
  label: string;
  accept: string;
  disabled: boolean;
  /** The button's test id; the hidden input's is given separately (tests set files on it). */
  testId: string;
  inputTestId: string;
  onFile: (file: File) => void;
}): React.JSX.Element {
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        hidden
        data-testid={props.inputTestId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so picking the same file again fires a change.
          e.target.value = "";
          if (file) props.onFile(file);
        }}
      />
      <Button disabled={props.disabled} onClick={() => input.current?.click()} data-testid={props.testId}>
        {props.label}
      </Button>
    </>
  );
}
