import { NavLink } from 'react-router';
import { NAV_ITEMS } from '../navigation';

export function SideNav() {
  return (
    <nav className="side-nav" aria-label="Main">
      <ul>
        {NAV_ITEMS.map((item) => (
          <li key={item.path}>
            {/* NavLink sets aria-current="page" on the active item. */}
            <NavLink to={item.path} className="side-nav__link">
              <span>{item.label}</span>
              <span className="side-nav__hint" aria-hidden="true">
                g {item.key}
              </span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
