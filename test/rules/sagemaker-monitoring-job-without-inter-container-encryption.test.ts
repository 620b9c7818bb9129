import { ruleTester } from '../ruleTester';
import { awsccJob, cdkJob, cfnJob, tfJob } from './monitoringFixtures';

ruleTester('sagemaker-monitoring-job-without-inter-container-encryption', {
  valid: [
    { filename: 'monitor.tf', code: tfJob({ network: '    enable_inter_container_traffic_encryption = true\n' }) },
    { name: 'from a variable', filename: 'monitor.tf', code: tfJob({ network: '    enable_inter_container_traffic_encryption = var.encrypt\n' }) },
    { filename: 'bias.yaml', code: cfnJob({ network: '        EnableInterContainerTrafficEncryption: true\n' }) },
    { name: 'Fn::If', filename: 'bias.yaml', code: cfnJob({ network: '        EnableInterContainerTrafficEncryption: !If [Prod, true, false]\n' }) },
    { filename: 'shap.tf', code: awsccJob({ network: '    enable_inter_container_traffic_encryption = true\n' }) },
    { filename: 'stack.ts', code: cdkJob({ network: 'enableInterContainerTrafficEncryption: true' }) },
  ],
  invalid: [
    {
      name: 'left out (AWS turns it off), on two instances',
      filename: 'monitor.tf',
      code: tfJob({ instances: 2 }),
      errors: [{ line: 1, column: 54, message: /^data-quality job `drift` does not set `network_config.enable_inter_container_traffic_encryption`, so traffic between its instances is not encrypted$/ }],
      output: tfJob({ instances: 2, network: '    enable_inter_container_traffic_encryption = true\n' }),
    },
    {
      name: 'false, on one instance: reported as Checkov does, and said so',
      filename: 'monitor.tf',
      code: tfJob({ network: '    enable_inter_container_traffic_encryption = false\n' }),
      errors: [{ line: 27, column: 49, message: /turns inter-container traffic encryption off \(it runs on one instance now/ }],
      output: tfJob({ network: '    enable_inter_container_traffic_encryption = true\n' }),
    },
    {
      name: 'a network configuration without the setting',
      filename: 'bias.yaml',
      code: cfnJob({ instances: 3, network: '        EnableNetworkIsolation: true\n' }),
      errors: [{ line: 24, column: 7, message: /model-bias job `BiasMonitor` does not set `NetworkConfig.EnableInterContainerTrafficEncryption`/ }],
      output: cfnJob({ instances: 3, network: '        EnableNetworkIsolation: true\n        EnableInterContainerTrafficEncryption: true\n' }),
    },
    {
      filename: 'bias.yaml',
      code: cfnJob({ instances: 2, network: '        EnableInterContainerTrafficEncryption: "false"\n' }),
      errors: [{ line: 25, column: 48 }],
      output: cfnJob({ instances: 2, network: '        EnableInterContainerTrafficEncryption: true\n' }),
    },
    {
      name: 'awscc: the fix adds a network_config attribute',
      filename: 'shap.tf',
      code: awsccJob({ instances: 2 }),
      errors: [{ line: 1, column: 64, message: /does not set `network_config.enable_inter_container_traffic_encryption`/ }],
      output: awsccJob({ instances: 2 }).replace('\n}\n', '\n  network_config = { enable_inter_container_traffic_encryption = true }\n}\n'),
    },
    {
      filename: 'stack.ts',
      code: cdkJob({ instances: 2, network: 'enableInterContainerTrafficEncryption: false' }),
      errors: [{ line: 8, column: 59 }],
      output: cdkJob({ instances: 2, network: 'enableInterContainerTrafficEncryption: true' }),
    },
  ],
});
