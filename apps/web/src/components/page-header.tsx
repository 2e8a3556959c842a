import { type ReactNode, useEffect } from 'react';

export const PRODUCT_NAME = 'bootfleet';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  /** Buttons at the right of the header (create, refresh, ...). */
  actions?: ReactNode;
}

/** The page's heading; also names the browser tab so that many open tabs stay tellable apart. */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  useEffect(() => {
    document.title = `${title} · ${PRODUCT_NAME}`;
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1 className="page-header__title">{title}</h1>
        {description ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
