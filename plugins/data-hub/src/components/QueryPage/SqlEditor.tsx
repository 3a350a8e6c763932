import { PostgreSQL, sql, type SQLNamespace } from '@codemirror/lang-sql';
import { Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import {
  forwardRef,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
} from 'react';

const useStyles = makeStyles(theme => ({
  root: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    '&:focus-within': {
      borderColor: theme.palette.primary.main,
      boxShadow: `0 0 0 1px ${theme.palette.primary.main}`,
    },
    '& .cm-editor': {
      fontSize: 14,
    },
    '& .cm-editor.cm-focused': {
      outline: 'none',
    },
  },
}));

/** What the page does with the editor besides its text. */
export interface SqlEditorHandle {
  /** Inserts text at the cursor (replacing a selection) and focuses the editor. */
  insert(text: string): void;
  focus(): void;
}

export interface SqlEditorProps {
  value: string;
  onChange(value: string): void;
  /** Ctrl+Enter (Cmd+Enter on a Mac). */
  onRun(): void;
  /** Completion of schemas, tables and columns (see buildSqlSchema). */
  schema: SQLNamespace;
  label?: string;
}

/**
 * The SQL editor: CodeMirror 6 with SQL highlighting, keyword completion and
 * completion of what the chosen use case may read.
 */
export const SqlEditor = forwardRef<SqlEditorHandle, SqlEditorProps>(
  function SqlEditorWithRef(props, ref) {
    const { value, onChange, onRun, schema, label = 'SQL editor' } = props;
    const classes = useStyles();
    const theme = useTheme();
    const editorRef = useRef<ReactCodeMirrorRef>(null);
    const focused = useRef(false);

    // The keymap is built once per schema; it calls the latest onRun.
    const onRunRef = useRef(onRun);
    useEffect(() => {
      onRunRef.current = onRun;
    }, [onRun]);

    const extensions = useMemo(
      () => [
        // DuckDB's and Athena's syntax is closest to PostgreSQL's (`::` casts, `||`).
        sql({ dialect: PostgreSQL, schema, upperCaseKeywords: true }),
        // Highest precedence: the default keymap binds Mod-Enter to "insert blank line".
        Prec.highest(
          keymap.of([
            {
              key: 'Mod-Enter',
              preventDefault: true,
              run: () => {
                onRunRef.current();
                return true;
              },
            },
          ]),
        ),
        EditorView.lineWrapping,
        EditorView.domEventHandlers({
          focus: () => {
            focused.current = true;
          },
        }),
        EditorView.contentAttributes.of({
          'aria-label': label,
          'aria-multiline': 'true',
        }),
      ],
      [schema, label],
    );

    useImperativeHandle(
      ref,
      () => ({
        insert(text: string) {
          const view = editorRef.current?.view;
          if (!view) return;
          const { state } = view;
          // Before the editor was ever focused its cursor is at the start,
          // which is nowhere a person means: add to the end instead.
          const range = focused.current
            ? state.selection.main
            : { from: state.doc.length, to: state.doc.length };
          const before = state.sliceDoc(
            Math.max(0, range.from - 1),
            range.from,
          );
          // `FROM` + `orders` needs a space; `orders.` + `id` or `(` + `id` does not.
          const insert = /[\w)"'*]/.test(before) ? ` ${text}` : text;
          view.dispatch({
            changes: { from: range.from, to: range.to, insert },
            selection: { anchor: range.from + insert.length },
            scrollIntoView: true,
          });
          view.focus();
        },
        focus() {
          editorRef.current?.view?.focus();
        },
      }),
      [],
    );

    return (
      <div className={classes.root}>
        <CodeMirror
          ref={editorRef}
          value={value}
          onChange={onChange}
          extensions={extensions}
          theme={theme.palette.type === 'dark' ? 'dark' : 'light'}
          minHeight="160px"
          maxHeight="45vh"
          placeholder="SELECT … FROM <database>.<table> LIMIT 100 — Ctrl+Enter runs"
          // Tab leaves the editor rather than indenting: keyboard users must not get stuck.
          indentWithTab={false}
          basicSetup={{ foldGutter: false, highlightActiveLine: true }}
        />
      </div>
    );
  },
);
