import ReactMarkdown from "react-markdown";

/**
 * Renders user-written markdown. Raw HTML in it is dropped (`skipHtml`) and link URLs pass
 * react-markdown's default filter (no `javascript:`), so a note cannot run script.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        skipHtml
        components={{
          a: ({ node: _node, ...props }) => (
            <a {...props} rel="noopener noreferrer nofollow" target="_blank" />
          ),
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
