/**
 * The component map: each UI Kit component type (as it appears in a ForgeDoc) drawn with the Atlaskit
 * component Jira's renderer uses for it, its props translated the way UI Kit documents them, and its
 * event handlers called back with serialisable arguments (a SerialisableEvent for inputs, the chosen
 * option for Select, the tab index for Tabs). Where the Atlaskit package is not installed (Checkbox,
 * Code, CodeBlock) a token-styled element stands in; see docs/preview.md.
 */
import React from 'react';
import Badge from '@atlaskit/badge';
import NewButton, { LinkButton as NewLinkButton } from '@atlaskit/button/new';
import ButtonGroup from '@atlaskit/button/button-group';
import DynamicTable from '@atlaskit/dynamic-table';
import {
  ErrorMessage,
  FormFooter,
  FormHeader,
  FormSection,
  HelperMessage,
  Label,
  RequiredAsterisk,
  ValidMessage,
} from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Link from '@atlaskit/link';
import Lozenge from '@atlaskit/lozenge';
import Modal, {
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
} from '@atlaskit/modal-dialog';
import { Box, Inline, Pressable, Stack, Text, xcss } from '@atlaskit/primitives';
import ProgressBar from '@atlaskit/progress-bar';
import { RadioGroup } from '@atlaskit/radio';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { RemovableTag, SimpleTag } from '@atlaskit/tag';
import TagGroup from '@atlaskit/tag-group';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import Tooltip from '@atlaskit/tooltip';
import type { ForgeDocNode } from '../protocol';
import { serialiseEvent, type HostFn, type Mapped, type MappedArgs } from './render';

const h = (component: React.ElementType, props: Record<string, unknown>, children?: React.ReactNode) =>
  React.createElement(component, props, children);

const fn = (value: unknown): HostFn | undefined =>
  typeof value === 'function' ? (value as HostFn) : undefined;

/** An Atlaskit DOM event handler that calls the UI Kit handler with a SerialisableEvent. */
const onEvent = (value: unknown) => {
  const handler = fn(value);
  return handler ? (event: unknown) => handler(serialiseEvent(event)) : undefined;
};

const only = (props: Record<string, unknown>, keys: string[]): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (props[key] !== undefined) out[key] = props[key];
  return out;
};

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** UI Kit's `xcss()` returns the plain style object; the host turns it into Atlaskit's xcss. */
const toXcss = (value: unknown) =>
  value && typeof value === 'object' ? xcss(value as Parameters<typeof xcss>[0]) : undefined;

const inputEvents = (props: Record<string, unknown>) => ({
  onChange: onEvent(props.onChange),
  onBlur: onEvent(props.onBlur),
  onFocus: onEvent(props.onFocus),
});

const FIELD_KEYS = [
  'id',
  'name',
  'value',
  'defaultValue',
  'placeholder',
  'isRequired',
  'isDisabled',
  'isInvalid',
  'isReadOnly',
  'isCompact',
  'isMonospaced',
  'autoFocus',
  'maxLength',
  'minLength',
  'aria-invalid',
  'aria-labelledby',
  'testId',
  'appearance',
];

const BUTTON_APPEARANCES = new Set(['default', 'primary', 'subtle', 'warning', 'danger', 'discovery']);

function buttonProps(props: Record<string, unknown>): Record<string, unknown> {
  const appearance = str(props.appearance);
  return {
    ...only(props, [
      'isDisabled',
      'isSelected',
      'shouldFitContainer',
      'spacing',
      'autoFocus',
      'testId',
      'id',
    ]),
    appearance: appearance && BUTTON_APPEARANCES.has(appearance) ? appearance : 'default',
    type: str(props.type) ?? 'button',
    onClick: onEvent(props.onClick),
    onBlur: onEvent(props.onBlur),
    onFocus: onEvent(props.onFocus),
  };
}

/** Head and rows of a UI Kit DynamicTable: the frame sends them as ContentWrapper > Row > Cell nodes. */
function tableParts({ node, ctx }: MappedArgs) {
  const part = (name: string) =>
    node.children.find((child) => child.type === 'ContentWrapper' && child.props.name === name);
  const cell = (cellNode: ForgeDocNode) => {
    const { cellKey, ...rest } = cellNode.props;
    return { ...rest, key: cellKey ?? cellNode.key, content: ctx.renderNodes(cellNode.children) };
  };
  const headNode = part('head');
  const rowsNode = part('rows');
  const head = headNode ? { cells: headNode.children.filter((c) => c.type === 'Cell').map(cell) } : undefined;
  const rows = rowsNode?.children
    .filter((rowNode) => rowNode.type === 'Row')
    .map((rowNode) => {
      const { rowKey, ...rest } = rowNode.props;
      return {
        ...rest,
        key: String(rowKey ?? rowNode.key),
        cells: rowNode.children.filter((c) => c.type === 'Cell').map(cell),
      };
    });
  return { head, rows };
}

const codeStyle: React.CSSProperties = {
  backgroundColor: 'var(--ds-background-neutral, #091E420F)',
  color: 'var(--ds-text, #172B4D)',
  borderRadius: 'var(--ds-border-radius, 3px)',
  fontFamily: 'var(--ds-font-family-code, ui-monospace, Menlo, monospace)',
  fontSize: '0.875em',
  padding: '2px 0.5ch',
  overflowWrap: 'anywhere',
};

function CheckboxStandIn({ props }: { props: Record<string, unknown> }) {
  const id = str(props.id);
  const controlled = typeof props.isChecked === 'boolean';
  return (
    <label
      htmlFor={id}
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 'var(--ds-space-100, 8px)',
        font: 'var(--ds-font-body, normal 400 14px/20px ui-sans-serif, sans-serif)',
        color: props.isDisabled ? 'var(--ds-text-disabled, #091E424F)' : 'var(--ds-text, #172B4D)',
        cursor: props.isDisabled ? 'not-allowed' : 'pointer',
      }}
    >
      <input
        type="checkbox"
        id={id}
        name={str(props.name)}
        value={props.value === undefined ? undefined : String(props.value)}
        {...(controlled
          ? { checked: Boolean(props.isChecked) }
          : { defaultChecked: Boolean(props.defaultChecked) })}
        disabled={Boolean(props.isDisabled)}
        required={Boolean(props.isRequired)}
        aria-invalid={props.isInvalid ? true : undefined}
        data-testid={str(props.testId)}
        onChange={onEvent(props.onChange)}
        onBlur={onEvent(props.onBlur)}
        onFocus={onEvent(props.onFocus)}
        style={{
          width: 14,
          height: 14,
          margin: 0,
          accentColor: 'var(--ds-background-selected-bold, #0C66E4)',
        }}
      />
      <span>{typeof props.label === 'string' || typeof props.label === 'number' ? props.label : null}</span>
    </label>
  );
}

/**
 * A controlled text field whose value makes a round trip through the app frame: the field shows what
 * was typed at once and takes the app's `value` when it answers, so fast typing loses no character
 * (React would otherwise put the old value back until the app's answer arrives).
 */
function TextInput({ component, props }: { component: React.ElementType; props: Record<string, unknown> }) {
  const controlled = props.value !== undefined;
  const appValue = props.value === undefined || props.value === null ? '' : String(props.value);
  const [shown, setShown] = React.useState(appValue);
  const sent = React.useRef<string[]>([]);
  React.useEffect(() => {
    const echoed = sent.current.indexOf(appValue);
    if (echoed >= 0) {
      // The app caught up with what was typed up to here; later keystrokes are still on their way.
      sent.current.splice(0, echoed + 1);
      if (sent.current.length === 0) setShown(appValue);
      return;
    }
    sent.current = [];
    setShown(appValue);
  }, [appValue]);
  if (!controlled) return h(component, props);
  const onChange = props.onChange as ((event: unknown) => void) | undefined;
  return h(component, {
    ...props,
    value: shown,
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      sent.current.push(event.target.value);
      setShown(event.target.value);
      onChange?.(event);
    },
  });
}

const TEXT_AS = new Set(['span', 'p', 'strong', 'em']);

export const components: Record<string, Mapped> = {
  Root: ({ children }) => h(React.Fragment, {}, children),
  ContentWrapper: ({ children }) => h(React.Fragment, {}, children),

  // Layout and text
  Box: ({ props, children }) =>
    h(
      Box,
      {
        ...only(props, [
          'as',
          'role',
          'testId',
          'backgroundColor',
          'padding',
          'paddingBlock',
          'paddingBlockStart',
          'paddingBlockEnd',
          'paddingInline',
          'paddingInlineStart',
          'paddingInlineEnd',
        ]),
        xcss: toXcss(props.xcss),
      },
      children,
    ),
  Stack: ({ props, children }) =>
    h(Stack, only(props, ['alignBlock', 'alignInline', 'grow', 'space', 'spread', 'testId']), children),
  Inline: ({ props, children }) =>
    h(
      Inline,
      only(props, [
        'alignBlock',
        'alignInline',
        'grow',
        'space',
        'spread',
        'shouldWrap',
        'separator',
        'rowSpace',
        'testId',
      ]),
      children,
    ),
  Text: ({ props, children, ancestors }) => {
    const as = str(props.as);
    const nested = ancestors.includes('Text') || ancestors.includes('Heading');
    const inner = as === 'strike' ? h('s', {}, children) : children;
    return h(
      Text,
      {
        ...only(props, ['align', 'color', 'maxLines', 'size', 'weight', 'testId']),
        // UI Kit's Text is a paragraph unless told otherwise; nested Text is inline.
        as: nested ? (as === 'strong' || as === 'em' ? as : 'span') : as && TEXT_AS.has(as) ? as : 'p',
      },
      inner,
    );
  },
  Heading: ({ props, children }) =>
    h(
      Heading,
      { ...only(props, ['as', 'color', 'id', 'testId']), size: str(props.size) ?? 'medium' },
      children,
    ),
  Strong: ({ children }) => h('strong', {}, children),
  Em: ({ children }) => h('em', {}, children),
  Strike: ({ children }) => h('s', {}, children),
  Code: ({ children }) => h('code', { style: codeStyle }, children),
  CodeBlock: ({ props }) =>
    h(
      'pre',
      {
        style: {
          ...codeStyle,
          display: 'block',
          padding: 'var(--ds-space-100, 8px)',
          margin: 0,
          fontSize: 12,
          // UI Kit's shouldWrapLongLines: long lines wrap instead of scrolling sideways.
          whiteSpace: props.shouldWrapLongLines ? 'pre-wrap' : 'pre',
          overflowX: props.shouldWrapLongLines ? 'visible' : 'auto',
        },
        // A block of text to read and copy: reachable and scrollable from the keyboard.
        tabIndex: 0,
        'aria-label': props.language === 'text' ? 'Text to copy' : 'Code',
      },
      h('code', {}, String(props.text ?? '')),
    ),
  List: ({ props, children }) =>
    h(
      props.type === 'ordered' ? 'ol' : 'ul',
      { style: { margin: 0, paddingInlineStart: 'var(--ds-space-300, 24px)' } },
      children,
    ),
  ListItem: ({ children }) => h('li', { style: { marginTop: 'var(--ds-space-050, 4px)' } }, children),
  Link: ({ props, children }) =>
    h(
      Link,
      {
        href: str(props.href) ?? '#',
        ...(props.openNewTab ? { target: '_blank' } : {}),
        ...only(props, ['testId', 'appearance']),
      },
      children,
    ),
  Image: ({ props }) => h('img', only(props, ['src', 'alt', 'width', 'height'])),

  // Status
  Lozenge: ({ props, children }) =>
    h(Lozenge, only(props, ['appearance', 'isBold', 'maxWidth', 'testId']), children),
  Badge: ({ props, children }) => h(Badge, only(props, ['appearance', 'max', 'testId']), children),
  Tag: ({ props }) =>
    props.isRemovable
      ? h(RemovableTag, {
          ...only(props, ['text', 'appearance', 'color', 'href', 'testId', 'removeButtonLabel']),
          onAfterRemoveAction: fn(props.onAfterRemoveAction),
          // The app's answer cannot come back synchronously across the bridge: the tag is removed.
          onBeforeRemoveAction: props.onBeforeRemoveAction
            ? () => {
                fn(props.onBeforeRemoveAction)?.();
                return true;
              }
            : undefined,
        })
      : h(SimpleTag, only(props, ['text', 'appearance', 'color', 'href', 'testId'])),
  TagGroup: ({ props, children }) => h(TagGroup, only(props, ['alignment', 'label']), children),
  Spinner: ({ props }) => h(Spinner, only(props, ['appearance', 'delay', 'label', 'size', 'testId'])),
  ProgressBar: ({ props }) =>
    h(ProgressBar, {
      ...only(props, ['value', 'isIndeterminate', 'appearance', 'testId']),
      ariaLabel: props.ariaLabel,
    }),
  SectionMessage: ({ props, children }) =>
    h(SectionMessage, only(props, ['appearance', 'title', 'testId']), children),
  SectionMessageAction: ({ props, children }) =>
    h(
      SectionMessageAction,
      { href: str(props.href), onClick: onEvent(props.onClick), testId: props.testId },
      children,
    ),
  Tooltip: ({ props, children }) =>
    h(
      Tooltip,
      { content: props.content, position: props.position, testId: props.testId },
      h('span', {}, children),
    ),

  // Buttons
  Button: ({ props, children }) => h(NewButton, buttonProps(props), children),
  LoadingButton: ({ props, children }) =>
    h(NewButton, { ...buttonProps(props), isLoading: Boolean(props.isLoading) }, children),
  LinkButton: ({ props, children }) =>
    h(
      NewLinkButton,
      {
        ...only(props, ['appearance', 'isDisabled', 'isSelected', 'shouldFitContainer', 'spacing', 'testId']),
        href: str(props.href) ?? '#',
        target: str(props.target),
      },
      children,
    ),
  ButtonGroup: ({ props, children }) => h(ButtonGroup, only(props, ['label', 'titleId']), children),
  Pressable: ({ props, children }) =>
    h(
      Pressable,
      {
        ...only(props, [
          'isDisabled',
          'testId',
          'backgroundColor',
          'padding',
          'paddingBlock',
          'paddingInline',
        ]),
        onClick: onEvent(props.onClick),
        xcss: toXcss(props.xcss),
      },
      children,
    ),

  // Forms
  Form: ({ props, children }) =>
    h(
      'form',
      {
        noValidate: true,
        id: str(props.id),
        onSubmit: (event: React.FormEvent) => {
          event.preventDefault();
          fn(props.onSubmit)?.();
        },
      },
      children,
    ),
  FormHeader: ({ props, children }) => h(FormHeader, only(props, ['title', 'description']), children),
  FormSection: ({ props, children }) => h(FormSection, only(props, ['title', 'description']), children),
  FormFooter: ({ props, children }) => h(FormFooter, { align: str(props.align) ?? 'start' }, children),
  Label: ({ props, children }) =>
    h(Label, { htmlFor: str(props.labelFor), id: str(props.id), testId: props.testId }, children),
  RequiredAsterisk: () => h(RequiredAsterisk, {}),
  ErrorMessage: ({ props, children }) => h(ErrorMessage, only(props, ['testId']), children),
  HelperMessage: ({ props, children }) => h(HelperMessage, only(props, ['testId']), children),
  ValidMessage: ({ props, children }) => h(ValidMessage, only(props, ['testId']), children),
  Textfield: ({ props }) =>
    h(TextInput, {
      component: Textfield,
      props: {
        ...only(props, [...FIELD_KEYS, 'type', 'min', 'max', 'pattern', 'width']),
        ...inputEvents(props),
      },
    }),
  TextArea: ({ props }) =>
    h(TextInput, {
      component: TextArea,
      props: {
        ...only(props, [...FIELD_KEYS, 'maxHeight', 'minimumRows', 'resize', 'spellCheck']),
        ...inputEvents(props),
      },
    }),
  Select: ({ props }) => {
    const onChange = fn(props.onChange);
    const onInputChange = fn(props.onInputChange);
    return h(Select, {
      ...only(props, [
        'appearance',
        'autoFocus',
        'closeMenuOnScroll',
        'closeMenuOnSelect',
        'defaultInputValue',
        'defaultMenuIsOpen',
        'defaultValue',
        'inputValue',
        'isClearable',
        'isDisabled',
        'isInvalid',
        'isLoading',
        'isMulti',
        'isSearchable',
        'menuIsOpen',
        'openMenuOnFocus',
        'name',
        'options',
        'placeholder',
        'spacing',
        'testId',
        'value',
        'isRequired',
      ]),
      inputId: str(props.inputId) ?? str(props.id),
      onChange: onChange ? (value: unknown) => onChange(value ?? null) : undefined,
      onInputChange: onInputChange ? (value: string) => onInputChange(value) : undefined,
      onBlur: onEvent(props.onBlur),
      onFocus: onEvent(props.onFocus),
    });
  },
  Checkbox: ({ props }) => h(CheckboxStandIn, { props }),
  Toggle: ({ props }) =>
    h(Toggle, {
      ...only(props, [
        'id',
        'name',
        'value',
        'size',
        'testId',
        'isChecked',
        'defaultChecked',
        'isDisabled',
        'label',
      ]),
      ...inputEvents(props),
    }),
  RadioGroup: ({ props }) =>
    h(RadioGroup, {
      ...only(props, [
        'options',
        'value',
        'defaultValue',
        'isDisabled',
        'isRequired',
        'isInvalid',
        'name',
        'aria-labelledby',
        'testId',
      ]),
      onChange: onEvent(props.onChange),
    }),

  // Tabs
  Tabs: ({ props, children, node }) =>
    h(
      Tabs,
      {
        id: str(props.id) ?? `tabs-${node.key}`,
        ...only(props, ['defaultSelected', 'selected', 'shouldUnmountTabPanelOnChange', 'testId']),
        onChange: fn(props.onChange) ? (index: number) => fn(props.onChange)?.(index) : undefined,
      },
      children,
    ),
  TabList: ({ children }) => h(TabList, {}, children),
  Tab: ({ props, children }) => h(Tab, only(props, ['testId']), children),
  TabPanel: ({ props, children }) =>
    h(TabPanel, only(props, ['testId']), h('div', { style: { width: '100%' } }, children)),

  // Table
  DynamicTable: (args) => {
    const { props } = args;
    const { head, rows } = tableParts(args);
    return h(DynamicTable, {
      ...only(props, [
        'caption',
        'defaultPage',
        'defaultSortKey',
        'defaultSortOrder',
        'highlightedRowIndex',
        'isFixedSize',
        'isLoading',
        'isRankable',
        'label',
        'loadingSpinnerSize',
        'page',
        'rowsPerPage',
        'sortKey',
        'sortOrder',
        'testId',
      ]),
      head,
      rows,
      onSetPage: fn(props.onSetPage),
      onSort: fn(props.onSort)
        ? (data: { key: string; sortOrder: string }) => fn(props.onSort)?.(data)
        : undefined,
    });
  },

  // Modal
  ModalTransition: ({ children }) => h(ModalTransition, {}, children),
  Modal: ({ props, children }) =>
    h(
      Modal,
      {
        ...only(props, ['width', 'height', 'autoFocus', 'shouldScrollInViewport', 'testId', 'label']),
        onClose: fn(props.onClose) ? () => fn(props.onClose)?.() : undefined,
      },
      children,
    ),
  ModalHeader: ({ children }) => h(ModalHeader, {}, children),
  ModalTitle: ({ props, children }) => h(ModalTitle, only(props, ['appearance']), children),
  ModalBody: ({ children }) => h(ModalBody, {}, children),
  ModalFooter: ({ children }) => h(ModalFooter, {}, children),
};

/** The UI Kit component types the preview draws. */
export const mappedTypes = Object.keys(components).sort();
