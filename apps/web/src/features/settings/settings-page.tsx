import { PageHeader } from '../../components/page-header';
import { ApiTokensSection } from './api-tokens-section';
import { FleetKey } from './fleet-key';
import { GeneralSettings } from './general-settings';
import { UsersSection } from './users-section';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Fleet-wide defaults, the fleet SSH key, users and API tokens." />
      <GeneralSettings />
      <FleetKey />
      <UsersSection />
      <ApiTokensSection />
    </>
  );
}
