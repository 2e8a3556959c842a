import { PageHeader } from '../../components/page-header';
import { FleetKey } from './fleet-key';
import { GeneralSettings } from './general-settings';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Fleet-wide defaults, the fleet SSH key, users and API tokens." />
      <GeneralSettings />
      <FleetKey />
    </>
  );
}
