// CDK stack for the fraud-scoring model: an endpoint configuration and a locked-down notebook for analysts.
import { Stack, type StackProps } from "aws-cdk-lib";
import { aws_sagemaker as sagemaker } from "aws-cdk-lib";
import type { Construct } from "constructs";

export interface MlStackProps extends StackProps {
  modelName: string;
  notebookRoleArn: string;
  subnetId: string;
  securityGroupId: string;
}

export class MlStack extends Stack {
  constructor(scope: Construct, id: string, props: MlStackProps) {
    super(scope, id, props);

    new sagemaker.CfnEndpointConfig(this, "FraudScoringConfig", {
      productionVariants: [
        {
          modelName: props.modelName,
          variantName: "primary",
          instanceType: "ml.c6i.xlarge",
          initialInstanceCount: 2,
        },
      ],
    });

    new sagemaker.CfnNotebookInstance(this, "AnalystNotebook", {
      instanceType: "ml.t3.medium",
      roleArn: props.notebookRoleArn,
      subnetId: props.subnetId,
      securityGroupIds: [props.securityGroupId],
      directInternetAccess: "Disabled",
      rootAccess: "Disabled",
      instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" },
    });
  }
}
